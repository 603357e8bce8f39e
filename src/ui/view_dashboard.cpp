// The dashboard view: a page header, then the credential tiles, or the empty state when the
// person has no credential yet.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {
namespace {

void draw_header(AppState& state) {
    if (state.fonts.heading) ImGui::PushFont(state.fonts.heading);
    ImGui::TextUnformatted("Your credentials");
    if (state.fonts.heading) ImGui::PopFont();
    text_muted("Continuing-education credits, checked against each certifying body's rules. "
               "Everything stays on this device.");
    ImGui::Spacing();
}

void draw_empty_state(AppState& state) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float card_w = avail < 520.0f ? avail : 520.0f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - card_w) * 0.5f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 24.0f);
    ImGui::BeginChild("empty_state", ImVec2(card_w, 230.0f), true, ImGuiWindowFlags_NoScrollbar);
    const float inner = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(0, 12));
    if (state.fonts.heading) ImGui::PushFont(state.fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    centered_text(ICON_CERTIFICATE, inner);
    ImGui::PopStyleColor();
    if (state.fonts.heading) ImGui::PopFont();
    ImGui::Spacing();
    if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
    centered_text("No credentials yet \xe2\x80\x94 add one to start tracking", inner);
    if (state.fonts.strong) ImGui::PopFont();
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted_text);
    centered_text("Pick your certifying body and program; Recert fills in the cycle", inner);
    centered_text("and shows what you still need, and by when.", inner);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 10));
    const float button_w = 200.0f;
    ImGui::SetCursorPosX((inner - button_w) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    ImGui::BeginDisabled(); // wired to the Add-credential dialog by the dashboard work
    primary_button(ICON_PLUS "  Add credential", button_w);
    ImGui::EndDisabled();
    ImGui::EndChild();
}

} // namespace

void draw_dashboard(AppState& state) {
    draw_header(state);
    draw_empty_state(state);
}

} // namespace recert::ui
