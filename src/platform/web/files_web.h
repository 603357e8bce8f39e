// Files from the person's device: the file picker and drag & drop onto the page. Evidence is
// checked (type by its bytes, size limit), hashed, and handed to the UI in AppState::picked;
// CSV and Open Badges files go to the reports import.
#pragma once

#include "ui/app_state.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace recert::app {

// Connects file arrival to the app's AppState; `request_redraw` wakes the on-demand loop.
// Also installs the page's drag & drop handler (files dropped while an activity form is open
// are attached to it). Call once.
void files_attach(ui::AppState& state, void (*request_redraw)());

// Opens the browser's file picker for `purpose`; the chosen file arrives later (async).
void pick_file(ui::FilePurpose purpose, const std::string& target_id);
// Where files from the backup picker go (the visit-only store; purpose 101).
void files_backup_sink(std::function<void(const std::string&, std::vector<std::uint8_t>, std::uint64_t)> sink);
// Opens the picker for an import (CSV, Open Badges); the file goes to the reports controller.
void pick_import_file();
// The purpose number the import picker hands back with its file (not a ui::FilePurpose).
inline constexpr int import_purpose = 100; // (the backup picker's is backup_purpose, session_store.h)

} // namespace recert::app
