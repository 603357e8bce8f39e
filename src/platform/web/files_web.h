// Files from the person's device: the file picker and drag & drop onto the page. Evidence is
// checked (type by its bytes, size limit), hashed, and handed to the UI in AppState::picked;
// CSV and Open Badges files go to the reports import.
#pragma once

#include "ui/app_state.h"

#include <string>

namespace recert::app {

// Connects file arrival to the app's AppState; `request_redraw` wakes the on-demand loop.
// Also installs the page's drag & drop handler (files dropped while an activity form is open
// are attached to it). Call once.
void files_attach(ui::AppState& state, void (*request_redraw)());

// Opens the browser's file picker for `purpose`; the chosen file arrives later (async).
void pick_file(ui::FilePurpose purpose, const std::string& target_id);
// Opens the picker for an import (CSV, Open Badges); the file goes to the reports controller.
void pick_import_file();
// The purpose number the import picker hands back with its file (not a ui::FilePurpose).
inline constexpr int import_purpose = 100;

} // namespace recert::app
