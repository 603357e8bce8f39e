// Files from the person's device: the file picker and drag & drop onto the page. Each file is
// checked (type by its bytes, size limit), hashed, and handed to the UI in AppState::picked.
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

} // namespace recert::app
