// The dashboard's views and dialogs, each a draw_* function over the AppState (view_*.cpp), and
// the small widgets they share (widgets.cpp).
#pragma once

#include "core/validate.h"
#include "ui/app_state.h"
#include "ui/semantics.h"

#include "imgui.h"

#include <string>
#include <vector>

namespace recert::ui {

// [SECTION] Views (one per tab) and chrome
void draw_menu_bar(AppState& state);
void draw_dashboard(AppState& state);      // view_dashboard.cpp: credential tiles / empty state
void draw_activities(AppState& state);     // view_activities.cpp: the table, filters, explanations
void draw_planner(AppState& state);        // view_planner.cpp
void draw_renewal(AppState& state);        // view_renewal.cpp: cart, checklist, record renewal
void draw_audit(AppState& state);          // view_audit.cpp: missing evidence, retention
void draw_settings(AppState& state);       // view_settings.cpp
void draw_sync_settings(AppState& state);  // view_sync.cpp: provider sync, inside Settings
void draw_toasts(AppState& state);         // widgets.cpp: transient messages, undo
// The ImGui time at which the next message shown expires (-1: none): the main loop, which draws
// nothing while idle, wakes for it so the message goes when it should.
double toasts_next_change(const AppState& state);
// view_storage.cpp: an embedded Recert whose browser refuses it storage (three ways through), the
// "this visit only" banner and the note that an embedded log is kept per site.
void draw_storage_blocked(AppState& state);
void draw_storage_banner(AppState& state);
// The question an embedding site's first write or export raises, and its answer in Settings.
void draw_embed_consent(AppState& state);
void draw_embed_consent_settings(AppState& state);
const char* storage_where_words(StorageWhere where);

// [SECTION] Dialogs
void draw_about_dialog(AppState& state);
void draw_shortcuts_dialog(AppState& state);
void draw_credential_dialog(AppState& state); // view_credential_form.cpp
void draw_cpr_dialog(AppState& state);        // view_credential_form.cpp
void draw_activity_dialog(AppState& state);   // view_activity_form.cpp
void draw_renewal_dialog(AppState& state);    // view_renewal.cpp
void draw_restore_dialog(AppState& state);    // view_backup.cpp: summary per mode, then apply
void draw_conflict_dialog(AppState& state);   // view_backup.cpp: a save that met another tab's edit
void draw_backup_banner(AppState& state);     // view_backup.cpp: the 30-day reminder
// Two versions of one record as a table of the fields that differ.
void draw_record_diff(AppState& state, const RecordDiff& d, const char* a_title, const char* b_title);

// Opening forms (fills the form from a record, or blank for a new one).
void open_credential_form(AppState& state, const core::Credential* existing);
void open_cpr_form(AppState& state, const std::string& credential_id);
void open_activity_form(AppState& state, const core::Activity* existing);
void open_renewal_form(AppState& state, const std::string& credential_id);

// [SECTION] Widgets
// Each records its semantics node (semantics.h) as it draws, so assistive technology hears what
// the screen shows.
// ImGui::BeginCombo that also reports its label to the test hooks (1.86's BeginCombo does not),
// so browser tests can click combos by "Window/##id" like any other widget. A combobox named
// `name` (default: the label) showing `preview`; while open, its options are its children until
// end_combo().
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0,
                 const char* name = nullptr);
void end_combo();
// ImGui::BeginMenu / EndMenu: a menuitem opening a `menu` node that holds the items until end_menu().
bool begin_menu(const char* label);
void end_menu();
bool radio_button(const char* label, bool active);
bool radio_button(const char* label, int* value, int button_value);
// Names the last item for assistive technology (icon-only buttons, "##id" fields): `role`, `name`.
void name_item(Role role, const char* name);
// Names the last item, a text field showing `value`.
void name_field(const char* name, const std::string& value);
// Marks the last item (a field) as required.
void required_field();
// ImGui::TextUnformatted / Text / TextWrapped / TextColored / TextDisabled, each also a text node.
void text_plain(const char* text, const char* text_end = nullptr);
void text_fmt(const char* fmt, ...) IM_FMTARGS(1);
void text_wrapped(const char* fmt, ...) IM_FMTARGS(1);
void text_colored(const ImVec4& color, const char* fmt, ...) IM_FMTARGS(2);
void text_disabled(const char* fmt, ...) IM_FMTARGS(1);
void bullet_text(const char* fmt, ...) IM_FMTARGS(1);
// A message to announce: a status (polite), or an alert (assertive) when `error`.
void status_text(const ImVec4& color, const char* text, bool error = false);
bool primary_button(const char* label, float width = 0.0f);
// A button for tight places (table rows, the Undo bar): less padding than Button, yet a 24x24
// CSS px pointer target at least (WCAG 2.5.8) at any UI scale. Replaces ImGui::SmallButton.
bool small_button(const char* label);
bool danger_button(const char* label, float width = 0.0f);
void text_muted(const char* fmt, ...);
void text_colored_wrapped(const ImVec4& color, const char* text);
void centered_text(const char* text, float width);
// An empty view's card (no credentials, no activities): centred, `height` tall, with `icon` large and
// `heading` in bold; returns the card's inner width for what it says next. end_empty_card() draws its
// one action centred and closes it; true when that was pressed.
float begin_empty_card(AppState& state, const char* id, float height, const char* icon, const char* heading);
bool end_empty_card(const char* action, float inner);
void heading(AppState& state, const char* text, int level = 2);
// A section title in the strong font, a heading of `level`.
void subheading(AppState& state, const char* text, int level = 3);
// A labelled single-line text input bound to a std::string (label drawn above the field).
bool labeled_input(const char* label, const char* id, std::string& value, const char* hint = "",
                   float width = -1.0f, ImGuiInputTextFlags flags = 0);
bool labeled_multiline(const char* label, const char* id, std::string& value, float height);
// Makes the field `field` (an ImGui item id) invalid, described by `message` (shown next to it).
void describe_error(ImGuiID field, const std::string& message);
// Draws the messages of `errors` for `field` in the danger colour; returns true if any. The item
// drawn just before (the field) becomes invalid, described by them.
bool field_errors(const std::vector<core::FieldError>& errors, const char* field);
// ImGui::BeginTable / TableHeadersRow / TableNextRow / EndTable recorded as a grid named `name`:
// column headers, then rows (rowIndex from 1, rowCount on the grid) whose text are grid cells.
bool begin_table(const char* name, const char* id, int columns, ImGuiTableFlags flags,
                 const ImVec2& outer_size = ImVec2(0, 0), float inner_width = 0.0f);
void table_headers_row();
void table_next_row();
void end_table();
// Opens the modal `name` once `*open` turns true; true while it shows (then call end_dialog()).
// A modal `dialog` node named by its title contains what it draws.
bool begin_dialog(const char* name, bool* open, float width);
// The messages a dialog shows at its top while it is open: a refusal ("Not saved: …") said while a
// modal covers the page would otherwise be drawn under the modal, unseen. draw_app sets it per frame.
void set_dialog_alerts(const std::vector<Toast>* toasts);
void end_dialog();
// The last action of a form dialog (after its primary action, on the same line): Cancel, which closes
// it (`open` = false), then end_dialog().
void cancel_and_end_dialog(bool& open);
// A dialog's body between these scrolls inside itself when the window is too short for the whole
// dialog (the wheel scrolls it), so that what follows end_dialog_body() — the dialog's actions —
// stays on screen. Heights are measured on the previous frame.
void begin_dialog_body();
// SameLine() when an item `width` wide still fits on the current line after the last item; else the
// next item starts a new line (a row of buttons on a phone).
void same_line_if_fits(float width);
// The width of a button labelled `label` (its text up to "##" and the frame's padding).
float button_width(const char* label);
void end_dialog_body();
// The speedometer gauge: a 240-degree arc filled to `fraction`, with `center_text` inside; a
// `meter` node `name` whose value reads "100 percent, 45 of 45 CEC".
void draw_gauge(AppState& state, float fraction, const char* big_text, const char* small_text, float radius,
                const char* name = "Credits toward renewal");
// A thin horizontal bar with a min marker; `fraction` of `width` filled. With a `name`, a
// `progressbar` node whose value is `value_text`.
void progress_bar(float fraction, float width, float height, const ImVec4& color, float marker = -1.0f,
                  const char* name = nullptr, const char* value_text = nullptr);

// How full an indeterminate ("working…") bar is `seconds` into its sweep: a sweep every 2 s, or a
// still full bar under reduced motion.
float busy_fraction(bool reduced_motion, double seconds);

} // namespace recert::ui
