// The dashboard's frame: one full-window host window with a menu bar, a tab per view, and the
// dialogs and toasts drawn over it.
#include "ui/app.h"

#include "ui/icons.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/view_reports.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <cfloat>

namespace recert::ui {
namespace {

struct TabInfo {
    View view;
    const char* label;
    const char* icon_only; // the same tab when the bar is too narrow for every name
    const char* name;
    void (*draw)(AppState&);
};

const TabInfo tabs[] = {
    {View::dashboard, ICON_CERTIFICATE " Dashboard###Dashboard", ICON_CERTIFICATE "###Dashboard", "Dashboard", draw_dashboard},
    {View::activities, ICON_LIST " Activities###Activities", ICON_LIST "###Activities", "Activities", draw_activities},
    {View::planner, ICON_CALENDAR " Planner###Planner", ICON_CALENDAR "###Planner", "Planner", draw_planner},
    {View::renewal, ICON_CART " Renewal###Renewal", ICON_CART "###Renewal", "Renewal", draw_renewal},
    {View::audit, ICON_SHIELD " Audit###Audit", ICON_SHIELD "###Audit", "Audit", draw_audit},
    {View::settings, ICON_COG " Settings###Settings", ICON_COG "###Settings", "Settings", draw_settings},
};

// Whether the tab bar shows only the selected tab's name (the others by their icons, named for
// screen readers and in a tooltip): when every name does not fit, as on a phone, rather than
// scrolling tabs out of sight behind arrows.
bool compact_tabs(View selected) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float full = 0.0f, compact = 0.0f;
    for (const TabInfo& tab : tabs) {
        const float w = ImGui::TabItemCalcSize(tab.label, false).x + style.ItemInnerSpacing.x;
        full += w;
        compact += tab.view == selected ? w : ImGui::TabItemCalcSize(tab.icon_only, false).x + style.ItemInnerSpacing.x;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    return full > avail && compact <= avail;
}

void draw_loading(AppState& state) {
    if (!state.data.load_error.empty()) {
        heading(state, "Your records could not be opened", 1);
        text_colored_wrapped(palette().danger, state.data.load_error.c_str());
        text_muted("Nothing was changed. Close other Recert tabs and reload the page.");
        return;
    }
    text_muted("Opening your records…");
}

} // namespace

void draw_app(AppState& state) {
    semantics_begin_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin(main_window_name, nullptr, flags);
    ImGui::PopStyleVar();
    sem_begin(Role::banner, "Recert");
    draw_menu_bar(state);
    sem_end();
    if (!state.storage.notice.empty()) {
        status_text(palette().warning, (ICON_WARNING " " + state.storage.notice).c_str());
        ImGui::Separator();
    }

    draw_storage_banner(state);
    if (!state.data.loaded) {
        sem_begin(Role::main, "Recert");
        if (state.storage.where == StorageWhere::blocked) draw_storage_blocked(state);
        else draw_loading(state);
        sem_end();
    } else if (const bool compact = compact_tabs(state.view); ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll)) {
        if (state.display.reduced_motion) // the narrow tab bar jumps to the selected tab, no glide
            GImGui->CurrentTabBar->ScrollingSpeed = FLT_MAX;
        // The tab bar is the navigation landmark; the view drawn under the selected tab is the
        // main landmark's tab panel (a top-level node, read after the tabs).
        sem_begin(Role::navigation, "Views");
        sem_begin(Role::tablist, "Views");
        for (const TabInfo& tab : tabs) {
            ImGuiTabItemFlags tf = 0;
            if (state.view_changed && state.view == tab.view) tf |= ImGuiTabItemFlags_SetSelected;
            const bool icon_only = compact && state.view != tab.view;
            const bool open = ImGui::BeginTabItem(icon_only ? tab.icon_only : tab.label, nullptr, tf);
            if (icon_only) {
                sem_item_id(ImGui::GetItemID(), Role::tab, tab.name);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tab.name);
            }
            if (open) {
                // The selected tab is marked by a bar under it in the accent (3:1), not by its
                // fill alone (1.2:1 in the light theme).
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, b.y - ui_px(3.0f)), b,
                                                          ImGui::ColorConvertFloat4ToU32(palette().accent_ink));
                if (!state.view_changed) state.view = tab.view;
                sem_begin_top(Role::main, "Content", "main");
                sem_begin(Role::tabpanel, tab.label, "tabpanel");
                ImGui::BeginChild("view", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
                ImGui::Spacing();
                tab.draw(state);
                ImGui::EndChild();
                sem_end();
                sem_end();
                ImGui::EndTabItem();
            }
        }
        sem_end();
        sem_end();
        state.view_changed = false;
        ImGui::EndTabBar();
    }
    ImGui::End();

    set_dialog_alerts(&state.toasts);
    draw_credential_dialog(state);
    draw_cpr_dialog(state);
    draw_activity_dialog(state);
    draw_renewal_dialog(state);
    draw_reports_dialogs(state); // view_reports.cpp
    draw_restore_dialog(state);
    draw_embed_consent(state);
    draw_conflict_dialog(state);
    draw_about_dialog(state);
    draw_shortcuts_dialog(state);
    set_dialog_alerts(nullptr);
    draw_toasts(state);
    // Reduced motion: a dialog's backdrop comes and goes at once (ImGui fades it in over 1/6 s and
    // out over 1/10 s); ImGui's own Ctrl+Tab window switcher keeps its dimming.
    if (state.display.reduced_motion && (ImGui::GetTopMostPopupModal() || !GImGui->NavWindowingTarget))
        GImGui->DimBgRatio = ImGui::GetTopMostPopupModal() ? 1.0f : 0.0f;
    semantics_end_frame();
}

bool frame_unsettled() {
    ImGuiContext& g = *GImGui;
    for (int i = 0; i < g.TabBars.GetMapSize(); ++i)
        if (const ImGuiTabBar* bar = g.TabBars.TryGetMapData(i); bar && bar->CurrFrameVisible == g.FrameCount && bar->TabsAddedNew)
            return true;
    return false;
}

} // namespace recert::ui
