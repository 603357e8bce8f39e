// The browser side of reports and interchange: downloads (Blob + <a download>), the transcript tab
// (blob: URL), the import file picker, and dropped CSV / badge files. See reports.h for the logic.
#pragma once

#include "app/reports.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace recert::app {

// The hooks ReportsController needs, implemented with the page's APIs.
ReportHooks make_web_report_hooks();

// Remembers where picked / dropped import files go (call once after creating the controller).
void reports_web_attach(ReportsController& controller, ui::AppState& state, void (*request_redraw)());

// A file dropped on the page that the reports import takes (ReportsController::accepts(name)).
// Returns false when it is not such a file (then it is evidence for an open form).
bool reports_file_dropped(const std::string& name, std::vector<std::uint8_t> bytes);
// A file from the import picker (empty `bytes` with a real `size` when it was too large to read).
void reports_file_arrived(const std::string& name, std::span<const std::uint8_t> bytes, std::uint64_t size);

} // namespace recert::app
