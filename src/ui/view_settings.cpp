// Settings: the person's profile (name and email on transcripts and audit packets), theme, UI scale,
// date format, and the browser storage status (persistent or best-effort, usage and quota).
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "core/validate.h"

#include "imgui.h"

#include <algorithm>
#include <cstdio>

namespace recert::ui {
namespace {

std::string bytes(std::uint64_t n) {
    char buf[32];
    if (n >= 1024ull * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(n) / (1024.0 * 1024 * 1024));
    else if (n >= 1024ull * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1024.0 * 1024));
    else std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(n) / 1024.0);
    return buf;
}

// Name and email, printed on every transcript, audit packet and calendar; saved through the app
// layer (SaveProfile), which checks them again.
void draw_profile(AppState& state) {
    ProfileForm& f = state.profile;
    const core::Person& stored = state.data.log.person;
    // Follows the stored profile unless the person typed something else (a refused save keeps it).
    if (!f.filled || (stored != f.loaded && (f.edit == f.loaded || f.edit == stored))) {
        f.edit = f.loaded = stored;
        f.filled = true;
    }
    subheading(state, "Profile");
    text_muted("Printed on your transcripts, audit packets and calendar. Kept with your records, on this device and "
               "in your backups.");
    const std::vector<core::FieldError> errors = core::validate_person(f.edit);
    const float width = std::min(ImGui::GetContentRegionAvail().x, ui_px(360.0f));
    labeled_input("Your name", "##profile_name", f.edit.name, "As on your certificates", width);
    if (f.tried) field_errors(errors, "name");
    labeled_input("Email", "##profile_email", f.edit.email, "Optional", width);
    if (f.tried) field_errors(errors, "email");
    const bool dirty = f.edit != stored;
    ImGui::BeginDisabled(!state.data.loaded || !dirty);
    if (ImGui::Button("Save profile")) {
        f.tried = true;
        if (errors.empty()) state.intents.push_back(SaveProfile{f.edit});
    }
    ImGui::EndDisabled();
    if (dirty) {
        ImGui::SameLine();
        if (ImGui::Button("Discard changes##profile")) {
            f.edit = f.loaded = stored;
            f.tried = false;
        }
    }
}

} // namespace

void draw_settings(AppState& state) {
    heading(state, "Settings");
    UiSettings& s = state.settings;
    // Inside a host page, first: what that page may do.
    if (!state.embed_consent.host.empty()) {
        draw_embed_consent_settings(state);
        ImGui::Spacing();
    }
    bool changed = false;

    subheading(state, "Appearance");
    int theme = static_cast<int>(s.theme);
    sem_begin(Role::group, "Appearance");
    changed |= radio_button("Light", &theme, static_cast<int>(Theme::light));
    ImGui::SameLine();
    changed |= radio_button("Dark", &theme, static_cast<int>(Theme::dark));
    sem_end();
    s.theme = static_cast<Theme>(theme);

    // Text and controls larger, 100-200% (on top of the browser's zoom): display.h applies it.
    ImGui::Spacing();
    text_plain("UI scale");
    char preview[16];
    std::snprintf(preview, sizeof preview, "%d%%", s.ui_scale);
    ImGui::SetNextItemWidth(ui_px(120.0f));
    if (begin_combo("##ui_scale", preview, 0, "UI scale")) {
        for (const int pct : {100, 125, 150, 175, 200}) {
            char label[16];
            std::snprintf(label, sizeof label, "%d%%", pct);
            if (ImGui::Selectable(label, pct == s.ui_scale) && pct != s.ui_scale) {
                s.ui_scale = pct;
                changed = true;
            }
        }
        end_combo();
    }

    ImGui::Spacing();
    subheading(state, "Date format");
    int style = static_cast<int>(s.date_style);
    sem_begin(Role::group, "Date format");
    changed |= radio_button("2025-03-11", &style, static_cast<int>(DateStyle::iso));
    ImGui::SameLine();
    changed |= radio_button("03/11/2025", &style, static_cast<int>(DateStyle::us));
    ImGui::SameLine();
    changed |= radio_button("11.03.2025", &style, static_cast<int>(DateStyle::europe));
    sem_end();
    s.date_style = static_cast<DateStyle>(style);
    if (state.locale_date_style != DateStyle::iso && state.locale_date_style != s.date_style)
        text_muted("Typed dates are also read as %s, your browser's format, and always as YYYY-MM-DD.",
                   date_hint(state.locale_date_style));
    else
        text_muted("Typed dates are also read as YYYY-MM-DD.");
    if (changed) {
        state.settings_dirty = true;
        state.intents.push_back(SaveSettings{});
    }

    ImGui::Spacing();
    subheading(state, "Storage on this device");
    const StorageStatus& st = state.storage;
    text_fmt("Kept in: %s", st.backend.c_str());
    text_wrapped("Where: %s.", storage_where_words(st.where));
    if (st.known) {
        if (st.persistent) {
            text_colored(palette().success,
                         ICON_CHECK " Persistent: the browser will not clear it to free space.");
        } else {
            text_colored_wrapped(palette().warning, ICON_WARNING " Best-effort: the browser may clear this data when the "
                                                    "disk runs low. Export a backup regularly.");
        }
        if (st.quota > 0)
            text_fmt("Using %s of %s available", bytes(st.usage).c_str(), bytes(st.quota).c_str());
    } else {
        text_muted("The browser has not reported its storage status.");
    }
    text_muted("%zu credentials, %zu activities.", state.data.log.credentials.size(), state.data.log.activities.size());

    ImGui::Spacing();
    subheading(state, "Backups");
    if (state.last_backup) {
        const int days = state.last_backup->days_until(state.data.today);
        text_fmt("Last backup: %s (%s)", format_date(*state.last_backup, s.date_style).c_str(),
                 days == 0   ? "today"
                 : days == 1 ? "yesterday"
                             : (std::to_string(days) + " days ago").c_str());
    } else {
        text_plain("Last backup: never");
    }
    if (state.backup_reminder_due)
        text_colored_wrapped(palette().warning, ICON_CLOCK " A backup is due: Recert reminds you when the last one "
                                                "is more than 30 days old.");
    else
        text_muted("Recert reminds you when the last backup is more than 30 days old.");
    ImGui::BeginDisabled(!state.data.loaded);
    if (ImGui::Button(ICON_DOWNLOAD " Export backup (ZIP)")) state.intents.push_back(ExportBackup{false});
    ImGui::SameLine();
    if (ImGui::Button(ICON_DOWNLOAD " Log only (JSON)")) state.intents.push_back(ExportBackup{true});
    ImGui::SameLine();
    if (ImGui::Button(ICON_UPLOAD " Restore backup…")) state.intents.push_back(RestoreBackup{});
    ImGui::EndDisabled();
    draw_sync_settings(state); // view_sync.cpp (issue #7)
    // Last: the name on every transcript, set once (backups and sync come first, as they are what
    // keeps the records safe and current).
    ImGui::Spacing();
    draw_profile(state);
}

} // namespace recert::ui
