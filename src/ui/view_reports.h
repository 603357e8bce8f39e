// Reports and interchange in the dashboard: the Reports menu, the import dialog (CSV mapping, preview,
// duplicate decisions; Open Badges unit), Finalize / Unlock statement, and the audit packet dialog.
#pragma once

#include "ui/app_state.h"

namespace recert::ui {

void draw_reports_menu(AppState& state);       // one BeginMenu("Reports") in the menu bar
void draw_reports_dialogs(AppState& state);    // every reports dialog; call once per frame
void open_audit_packet_dialog(AppState& state); // the Audit view's "Prepare audit packet…"

} // namespace recert::ui
