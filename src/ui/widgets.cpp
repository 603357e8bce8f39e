// Small widgets shared by the views: the accent-coloured primary button, muted text.
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <cstdarg>

namespace recert::ui {

bool primary_button(const char* label, float width) {
    const Palette& p = palette();
    ImVec4 hovered = p.accent, active = p.accent;
    hovered.w = 0.88f;
    active.w = 0.76f;
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    const bool pressed = ImGui::Button(label, ImVec2(width, 0));
    ImGui::PopStyleColor(5);
    return pressed;
}

void text_muted(const char* fmt, ...) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted_text);
    va_list args;
    va_start(args, fmt);
    ImGui::TextWrappedV(fmt, args);
    va_end(args);
    ImGui::PopStyleColor();
}

void centered_text(const char* text, float width) {
    const float w = ImGui::CalcTextSize(text).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width > w ? (width - w) * 0.5f : 0.0f));
    ImGui::TextUnformatted(text);
}

} // namespace recert::ui
