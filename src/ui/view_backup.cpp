// Backups in the UI: the restore dialog (summary per mode, then one all-or-nothing apply), the
// dialog for a save that collided with another tab (both versions side by side), and the
// reminder banner when the last backup is more than 30 days old.
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <algorithm>

#include <string>

namespace recert::ui {
namespace {

constexpr std::size_t max_listed = 50; // record names listed per group; the rest are counted

void strong_text(AppState& state, const char* text) {
    subheading(state, text);
}

// "Added  3" with the names under a collapsible node (none shown when the list is empty).
void record_group(const char* label, const std::vector<std::string>& names, const ImVec4* color = nullptr) {
    const std::string title = std::string(label) + ": " + std::to_string(names.size());
    if (names.empty()) {
        text_muted("%s", title.c_str());
        return;
    }
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    const bool open = ImGui::TreeNodeEx(label, ImGuiTreeNodeFlags_FramePadding, "%s", title.c_str()); // a 24-px target
    if (color) ImGui::PopStyleColor();
    if (!open) return;
    sem_begin(Role::list, title);
    for (std::size_t i = 0; i < names.size() && i < max_listed; ++i) {
        ImGui::BulletText("%s", names[i].c_str());
        sem_node(Role::listitem, names[i]);
    }
    sem_end();
    if (names.size() > max_listed) text_muted("… and %zu more", names.size() - max_listed);
    ImGui::TreePop();
}

// An indeterminate bar while the restore works.
void busy_bar(const AppState& state) {
    progress_bar(busy_fraction(state.display.reduced_motion, ImGui::GetTime()), ImGui::GetContentRegionAvail().x,
                 ui_px(6.0f), palette().accent_ink);
}

} // namespace

float busy_fraction(bool reduced_motion, double seconds) {
    const double t = seconds * 0.5;
    return reduced_motion ? 1.0f : static_cast<float>(t - static_cast<int>(t));
}

// A few diffs inline (the dialog fits them); more in a scrolling box of fixed height.
static void diff_list(AppState& state, const char* id, const std::vector<RecordDiff>& list, const char* a_title,
                      const char* b_title) {
    const bool scroll = list.size() > 2;
    if (scroll) ImGui::BeginChild(id, ImVec2(0, ui_px(260.0f)), true);
    for (const RecordDiff& d : list) draw_record_diff(state, d, a_title, b_title);
    if (scroll) ImGui::EndChild();
}

void draw_record_diff(AppState& state, const RecordDiff& d, const char* a_title, const char* b_title) {
    ImGui::PushID(&d);
    strong_text(state, (d.kind + ": " + d.label).c_str());
    if (d.a_missing || d.b_missing) {
        text_muted("%s", d.a_missing ? (std::string("Deleted in ") + a_title).c_str()
                                     : (std::string("Deleted in ") + b_title).c_str());
    } else if (d.fields.empty()) {
        text_muted("Both versions hold the same values.");
    } else if (begin_table("Differences", "diff", 3,
                           ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                               ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(a_title, ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(b_title, ImGuiTableColumnFlags_WidthStretch, 1.2f);
        table_headers_row();
        for (const core::FieldChange& f : d.fields) {
            table_next_row();
            ImGui::TableNextColumn();
            text_plain(f.field.c_str());
            ImGui::TableNextColumn();
            text_wrapped("%s", f.a.empty() ? "(empty)" : f.a.c_str());
            ImGui::TableNextColumn();
            text_wrapped("%s", f.b.empty() ? "(empty)" : f.b.c_str());
        }
        end_table();
    }
    ImGui::PopID();
    ImGui::Spacing();
}

void draw_restore_dialog(AppState& state) {
    RestoreDialog& r = state.restore;
    bool open = r.stage != RestoreDialog::Stage::closed;
    if (!begin_dialog("Restore backup", &open, 620.0f)) {
        if (r.stage != RestoreDialog::Stage::closed && r.stage != RestoreDialog::Stage::applying)
            state.intents.push_back(RestoreBackup{RestoreBackup::Step::cancel});
        return;
    }
    if (!open || r.stage == RestoreDialog::Stage::closed) { // the title bar's close button, or done
        if (r.stage != RestoreDialog::Stage::closed && r.stage != RestoreDialog::Stage::applying)
            state.intents.push_back(RestoreBackup{RestoreBackup::Step::cancel});
        ImGui::CloseCurrentPopup();
        end_dialog();
        return;
    }
    const Palette& p = palette();
    switch (r.stage) {
    case RestoreDialog::Stage::closed:
        break;
    case RestoreDialog::Stage::reading: {
        // How far the read has come, when the store can tell: in words, and as a progress bar.
        const std::string percent = r.progress >= 0.0f ? std::to_string(static_cast<int>(r.progress * 100.0f)) : "";
        text_plain(percent.empty() ? "Reading and checking the backup…"
                                   : ("Reading and checking the backup… " + percent + "%").c_str());
        text_muted("Nothing is changed until you confirm.");
        if (percent.empty())
            busy_bar(state);
        else
            progress_bar(r.progress, ImGui::GetContentRegionAvail().x, ui_px(6.0f), palette().accent_ink, -1.0f,
                         "Reading the backup", (percent + " percent").c_str());
        ImGui::Spacing();
        if (ImGui::Button("Cancel", ImVec2(ui_px(100.0f), 0))) state.intents.push_back(RestoreBackup{RestoreBackup::Step::cancel});
        break;
    }
    case RestoreDialog::Stage::applying:
        text_plain("Restoring in one step…");
        text_muted("Either everything is restored or nothing is.");
        busy_bar(state);
        break;
    case RestoreDialog::Stage::summary: {
        if (!r.error.empty() && r.file_name.empty()) {
            // The file was refused: say where, change nothing.
            status_text(p.danger, (ICON_WARNING " " + r.error).c_str(), true);
            text_muted("Nothing was changed.");
            ImGui::Spacing();
            if (primary_button(ICON_UPLOAD " Choose another file…")) state.intents.push_back(RestoreBackup{});
            ImGui::SameLine();
            if (ImGui::Button("Close", ImVec2(ui_px(100.0f), 0))) state.intents.push_back(RestoreBackup{RestoreBackup::Step::cancel});
            break;
        }
        text_fmt(ICON_FILE " %s", r.file_name.c_str());
        if (!r.created.empty()) {
            const auto made = core::Date::parse(r.created);
            ImGui::SameLine();
            text_muted("made %s", made ? format_date(*made, state.settings.date_style).c_str() : r.created.c_str());
        }
        ImGui::Spacing();
        int mode = r.replace ? 1 : 0;
        // Short labels, wrapped explanations: the dialog is ~360 px wide on a phone.
        bool mode_changed = radio_button("Merge (recommended)", &mode, 0);
        ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted_text);
        text_wrapped("Keep what is on this device; add and update records from the backup.");
        ImGui::PopStyleColor();
        ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        mode_changed |= radio_button("Replace", &mode, 1);
        ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted_text);
        text_wrapped("Make this device hold exactly what the backup holds.");
        ImGui::PopStyleColor();
        ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
        if (mode_changed && (mode == 1) != r.replace)
            state.intents.push_back(RestoreBackup{RestoreBackup::Step::plan, mode == 1});
        ImGui::Separator();
        strong_text(state, "What will change");
        record_group("Added", r.added, &p.success);
        record_group("Updated", r.updated, &p.accent_ink);
        record_group("Unchanged", r.unchanged);
        if (r.replace) record_group("Removed from this device", r.removed, &p.danger);
        if (r.files_added) text_muted("%zu evidence file%s to add", r.files_added, r.files_added == 1 ? "" : "s");
        if (r.evidence_missing)
            text_colored_wrapped(p.warning, (std::string(ICON_WARNING " ") + std::to_string(r.evidence_missing) +
                                             " evidence file(s) the records mention are not in this backup; "
                                             "the records are restored without them.")
                                                .c_str());
        if (r.settings_changed) text_muted("Settings are taken from the backup.");
        if (r.person_changed) text_muted("Your name is taken from the backup.");
        if (!r.conflicts.empty()) {
            ImGui::Spacing();
            text_colored_wrapped(p.warning,
                                 (std::string(ICON_WARNING " ") + std::to_string(r.conflicts.size()) +
                                  " record(s) were edited on this device at least as often as in the backup. "
                                  "They are kept as they are here:")
                                     .c_str());
            diff_list(state, "conflicts", r.conflicts, "On this device", "In the backup");
        }
        if (!r.error.empty()) status_text(p.danger, (ICON_WARNING " " + r.error).c_str(), true);
        ImGui::Spacing();
        bool ready = true;
        if (r.replace) {
            const std::string confirm = "I understand: " + std::to_string(r.removed.size()) +
                                        " record(s) on this device will be removed##confirm_replace";
            ImGui::Checkbox(confirm.c_str(), &r.confirm_replace);
            ready = r.confirm_replace;
        }
        ImGui::BeginDisabled(!ready);
        const bool go = r.replace ? danger_button(ICON_REFRESH " Replace everything", 200.0f)
                                  : primary_button(ICON_UPLOAD " Restore", 140.0f);
        ImGui::EndDisabled();
        if (go) state.intents.push_back(RestoreBackup{RestoreBackup::Step::apply, r.replace});
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(ui_px(100.0f), 0))) state.intents.push_back(RestoreBackup{RestoreBackup::Step::cancel});
        break;
    }
    }
    end_dialog();
}

void draw_conflict_dialog(AppState& state) {
    ConflictDialog& c = state.conflict;
    bool open = c.open;
    if (!begin_dialog("Changed in another tab", &open, 620.0f)) {
        if (c.open) state.intents.push_back(ResolveConflict{false}); // closed: keep what is stored
        c.open = false;
        return;
    }
    if (!open || !c.open) {
        if (c.open) state.intents.push_back(ResolveConflict{false});
        c.open = false;
        ImGui::CloseCurrentPopup();
        end_dialog();
        return;
    }
    text_wrapped("This record was changed in another Recert tab after you opened it. Nothing was "
                 "overwritten. Choose which version to keep:");
    ImGui::Spacing();
    diff_list(state, "records", c.records, "Your version", "Other tab's version");
    if (primary_button("Keep my version", 180.0f)) state.intents.push_back(ResolveConflict{true});
    ImGui::SameLine();
    if (ImGui::Button("Keep the other tab's version")) state.intents.push_back(ResolveConflict{false});
    end_dialog();
}

void draw_backup_banner(AppState& state) {
    if (!state.backup_reminder_due || state.backup_reminder_snoozed || !state.data.loaded) return;
    if (state.storage.where == StorageWhere::session_only) return; // its own banner says it, with the buttons
    const Palette& p = palette();
    std::string text;
    if (state.last_backup) {
        const int days = state.last_backup->days_until(state.data.today);
        text = "Your last backup was " + std::to_string(days) + " days ago.";
    } else {
        text = "You have not exported a backup yet.";
    }
    text += " Your records live only in this browser: keep a copy somewhere safe.";
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.card_bg);
    ImGui::PushStyleColor(ImGuiCol_Border, p.warning);
    // As tall as its wrapped text and its buttons: on a phone the sentence takes three or four lines.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = ImGui::GetContentRegionAvail().x - style.WindowPadding.x * 2.0f -
                       ImGui::CalcTextSize(ICON_CLOCK).x - style.ItemSpacing.x;
    const float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, std::max(wrap, 1.0f)).y;
    const float h = text_h + style.ItemSpacing.y + ImGui::GetFrameHeight() + style.WindowPadding.y * 2.0f + ui_px(2.0f);
    ImGui::BeginChild("backup_reminder", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleColor(); // the border colour frames the banner only, not its buttons
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    text_plain(ICON_CLOCK);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    text_wrapped("%s", text.c_str());
    if (primary_button(ICON_DOWNLOAD " Export backup")) state.intents.push_back(ExportBackup{false});
    ImGui::SameLine();
    if (ImGui::Button("Later")) state.backup_reminder_snoozed = true;
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::Spacing();
}

} // namespace recert::ui
