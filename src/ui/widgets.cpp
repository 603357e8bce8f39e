// Small widgets shared by the views: buttons, labelled inputs, inline field errors, dialogs,
// the gauge, bars, and the toast stack; each records its node of the semantics tree.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <string>

namespace recert::ui {

namespace {
bool colored_button(const char* label, float width, ImVec4 bg, ImVec4 text) {
    // Hovered and pressed shades move away from the text colour: it only gains contrast.
    const ImVec4 hovered = button_shade(bg, text, 0.12f), active = button_shade(bg, text, 0.24f);
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, text);
    ImGui::PushStyleColor(ImGuiCol_Border, bg);
    // `width` is in CSS px at 100%; never narrower than the label at any UI scale.
    const float label_w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    const bool pressed = ImGui::Button(label, ImVec2(width > 0.0f ? std::max(ui_px(width), label_w) : width, 0));
    ImGui::PopStyleColor(5);
    return pressed;
}
// Formats into a buffer reused from frame to frame (valid until the next call).
const std::string& vformat(const char* fmt, va_list args) {
    static std::string out;
    out.resize(std::max<std::size_t>(out.capacity(), 256)); // all the memory it has
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(out.data(), out.size() + 1, fmt, copy);
    va_end(copy);
    if (n < 0) {
        out.clear();
    } else if (static_cast<std::size_t>(n) > out.size()) {
        out.resize(static_cast<std::size_t>(n));
        std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    } else {
        out.resize(static_cast<std::size_t>(n));
    }
    return out;
}

enum class TextKind { plain, wrapped, bullet };

// Draws formatted text (in `color` unless null) and records it as a text node.
void vtext(TextKind kind, const ImVec4* color, const char* fmt, va_list args) {
    const std::string& s = vformat(fmt, args);
    if (color)
        ImGui::PushStyleColor(ImGuiCol_Text, *color);
    if (kind == TextKind::wrapped)
        ImGui::TextWrapped("%s", s.c_str());
    else if (kind == TextKind::bullet)
        ImGui::BulletText("%s", s.c_str());
    else
        ImGui::TextUnformatted(s.c_str());
    if (color)
        ImGui::PopStyleColor();
    sem_node(Role::text, s);
}

} // namespace

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags, const char* name) {
    const ImGuiID id = ImGui::GetID(label);
    const bool open = ImGui::BeginCombo(label, preview, flags);
#ifdef IMGUI_ENABLE_TEST_ENGINE
    ImGuiContext& g = *GImGui;
    IMGUI_TEST_ENGINE_ITEM_INFO(g.LastItemData.ID, label, g.LastItemData.StatusFlags);
#endif
    if (SemNode* n = sem_item_id(id, Role::combobox, name ? name : label)) {
        n->value = preview ? spoken_name(preview) : std::string();
        n->expanded = open ? Tristate::on : Tristate::off;
    }
    if (open)
        sem_push(id);
    return open;
}

void end_combo() {
    sem_end();
    ImGui::EndCombo();
}

namespace {
struct TableSemantics {
    std::uint32_t grid = 0;
    int rows = 0;
    bool row_open = false;
    bool row_hidden = false; // a virtualized table's row out of view: left out of the tree
};
std::vector<TableSemantics> g_tables; // the tables open now (innermost last)
} // namespace

bool begin_table(const char* name, const char* id, int columns, ImGuiTableFlags flags,
                 const ImVec2& outer_size, float inner_width) {
    if (!ImGui::BeginTable(id, columns, flags, outer_size, inner_width))
        return false;
    const SemNode* grid = sem_begin(Role::grid, name, id);
    g_tables.push_back({grid ? grid->id : 0u, 0, false});
    return true;
}

void table_headers_row() {
    const float y = ImGui::GetCursorScreenPos().y;
    ImGui::TableHeadersRow();
    // 1.86's headers report no label to the hooks: a node per named column, over its header cell.
    const ImGuiTable* table = GImGui->CurrentTable;
    const float h = ImGui::TableGetHeaderRowHeight();
    sem_begin(Role::row, "", "headers");
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        const ImGuiTableColumn& col = table->Columns[c];
        if (!col.IsEnabled)
            continue;
        char key[16];
        std::snprintf(key, sizeof key, "header%d", c);
        const std::string name = spoken_name(ImGui::TableGetColumnName(c));
        if (SemNode* n = sem_node_at(Role::columnheader, name.empty() ? "Actions" : name, key, col.MinX, y,
                                     col.MaxX, y + h))
            n->col_index = c + 1;
    }
    sem_end();
}

void table_next_row() {
    TableSemantics& t = g_tables.back();
    if (t.row_open)
        sem_end();
    if (t.row_hidden)
        sem_hide_end();
    ImGui::TableNextRow();
    char key[24];
    std::snprintf(key, sizeof key, "row%d", ++t.rows);
    // In a virtualized table (a list of any length) a row wholly out of the table's view stays out of
    // the tree, with everything in it: the grid's aria-rowcount still counts it.
    t.row_hidden = sem_out_of_view();
    if (t.row_hidden) {
        sem_hide_begin();
        t.row_open = false;
        return;
    }
    t.row_open = sem_begin_row(key, t.rows) != nullptr;
}

void end_table() {
    const TableSemantics t = g_tables.back();
    g_tables.pop_back();
    if (t.row_open)
        sem_end();
    if (t.row_hidden)
        sem_hide_end();
    if (SemNode* grid = sem_recorded(t.grid))
        grid->row_count = t.rows;
    sem_end();
    ImGui::EndTable();
}

bool begin_menu(const char* label) {
    ImGui::PushID(label);
    const ImGuiID item = ImGui::GetID(""); // BeginMenu's inner Selectable(""), the menu's item
    ImGui::PopID();
    const bool open = ImGui::BeginMenu(label);
    if (open) {
        sem_push(item);
        sem_begin(Role::menu, label);
    }
    return open;
}

void end_menu() {
    sem_end();
    sem_end();
    ImGui::EndMenu();
}

bool radio_button(const char* label, bool active) {
    const bool pressed = ImGui::RadioButton(label, active);
    if (SemNode* n = sem_item(Role::radio))
        n->checked = active ? Tristate::on : Tristate::off;
    return pressed;
}

bool radio_button(const char* label, int* value, int button_value) {
    const bool pressed = ImGui::RadioButton(label, value, button_value);
    if (SemNode* n = sem_item(Role::radio))
        n->checked = *value == button_value ? Tristate::on : Tristate::off;
    return pressed;
}

void name_item(Role role, const char* name) {
    sem_item(role, name);
}

void describe_error(ImGuiID field, const std::string& message) {
    SemNode* n = field ? sem_recorded(field) : nullptr;
    if (!n)
        return;
    n->invalid = true;
    if (!n->description.empty())
        n->description += ' ';
    n->description += message;
}

void name_field(const char* name, const std::string& value) {
    if (SemNode* n = sem_item(Role::textbox, name))
        n->value = value;
}

void required_field() {
    if (SemNode* n = sem_item_id(GImGui->LastItemData.ID, Role::textbox))
        n->required = true;
}

void text_plain(const char* text, const char* text_end) {
    ImGui::TextUnformatted(text, text_end);
    sem_node(Role::text,
             text_end ? std::string_view(text, std::size_t(text_end - text)) : std::string_view(text));
}

void text_fmt(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::plain, nullptr, fmt, args);
    va_end(args);
}

void text_wrapped(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::wrapped, nullptr, fmt, args);
    va_end(args);
}

void text_colored(const ImVec4& color, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::plain, &color, fmt, args);
    va_end(args);
}

void text_disabled(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::plain, &ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), fmt, args);
    va_end(args);
}

void bullet_text(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::bullet, nullptr, fmt, args);
    va_end(args);
}

void status_text(const ImVec4& color, const char* text, bool error) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    if (SemNode* n = sem_node(error ? Role::alert : Role::status, text))
        n->live = error ? Live::assertive : Live::polite;
}

bool primary_button(const char* label, float width) {
    return colored_button(label, width, palette().accent, palette().accent_text);
}

bool small_button(const char* label) {
    // 1.6 x the font size: 24 px at the 15-px body text, as large again at 200%.
    const float pad_y = 0.3f * ImGui::GetFontSize();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x * 0.6f, pad_y));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleVar();
    return pressed;
}

bool danger_button(const char* label, float width) {
    return colored_button(label, width, palette().danger, palette().danger_text);
}

void text_muted(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vtext(TextKind::wrapped, &palette().muted_text, fmt, args);
    va_end(args);
}

void text_colored_wrapped(const ImVec4& color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    sem_node(Role::text, text);
}

void centered_text(const char* text, float width) {
    const float w = ImGui::CalcTextSize(text).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width > w ? (width - w) * 0.5f : 0.0f));
    text_plain(text);
}

float begin_empty_card(AppState& state, const char* id, float height, const char* icon, const char* heading) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float card_w = std::min(avail, ui_px(520.0f));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - card_w) * 0.5f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 24.0f);
    ImGui::BeginChild(id, ImVec2(card_w, ui_px(height)), true, ImGuiWindowFlags_NoScrollbar);
    const float inner = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(0, ui_px(12)));
    if (state.fonts.heading) ImGui::PushFont(state.fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_ink);
    centered_text(icon, inner);
    ImGui::PopStyleColor();
    if (state.fonts.heading) ImGui::PopFont();
    ImGui::Spacing();
    if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
    centered_text(heading, inner);
    if (state.fonts.strong) ImGui::PopFont();
    return inner;
}

bool end_empty_card(const char* action, float inner) {
    ImGui::Dummy(ImVec2(0, ui_px(10)));
    const float button_w = ui_px(200.0f);
    ImGui::SetCursorPosX((inner - button_w) * 0.5f + ImGui::GetStyle().WindowPadding.x);
    const bool pressed = primary_button(action, button_w);
    ImGui::EndChild();
    return pressed;
}

void heading(AppState& state, const char* text, int level) {
    if (state.fonts.heading) ImGui::PushFont(state.fonts.heading);
    ImGui::TextUnformatted(text);
    if (state.fonts.heading) ImGui::PopFont();
    if (SemNode* n = sem_node(Role::heading, text))
        n->level = level;
}

void subheading(AppState& state, const char* text, int level) {
    if (state.fonts.strong)
        ImGui::PushFont(state.fonts.strong);
    ImGui::TextUnformatted(text);
    if (state.fonts.strong)
        ImGui::PopFont();
    if (SemNode* n = sem_node(Role::heading, text))
        n->level = level;
}

// The label above a field is the field's name (not a node of its own).
bool labeled_input(const char* label, const char* id, std::string& value, const char* hint, float width,
                   ImGuiInputTextFlags flags) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputTextWithHint(id, hint, &value, flags);
    if (SemNode* n = sem_item(Role::textbox, label))
        n->value = (flags & ImGuiInputTextFlags_Password) ? std::string() : value;
    return changed;
}

bool labeled_multiline(const char* label, const char* id, std::string& value, float height) {
    ImGui::TextUnformatted(label);
    const bool changed = ImGui::InputTextMultiline(id, &value, ImVec2(-1.0f, height));
    if (SemNode* n = sem_item(Role::textbox, label)) {
        n->value = value;
        n->multiline = true;
    }
    return changed;
}

// The messages also make the field drawn just before them invalid, described by its errors.
bool field_errors(const std::vector<core::FieldError>& errors, const char* field) {
    const ImGuiID field_id = GImGui->LastItemData.ID;
    bool any = false;
    for (const auto& e : errors) {
        if (e.field != field) continue;
        text_colored_wrapped(palette().danger, e.message.c_str());
        describe_error(field_id, e.message);
        any = true;
    }
    return any;
}

namespace {
const std::vector<Toast>* g_dialog_alerts = nullptr;
} // namespace

void set_dialog_alerts(const std::vector<Toast>* toasts) {
    g_dialog_alerts = toasts;
}

bool begin_dialog(const char* name, bool* open, float width) {
    if (*open && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    const float w = std::min(vp->WorkSize.x - ui_px(24.0f), ui_px(width));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y - ui_px(24.0f)));
    // ImGui 1.86 never closes a modal on Escape; ours close on it (WAI-ARIA dialog pattern) unless a
    // field is being edited, which takes that Escape to stop editing.
    const bool editing = GImGui->ActiveId != 0;
    if (ImGui::BeginPopupModal(name, open, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        // A dialog that grew since it appeared (a file read, then its preview) or a window that shrank
        // would reach past the edge: centred again, so its buttons stay on screen.
        const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        const float margin = ui_px(12.0f);
        if (pos.y + size.y > vp->WorkPos.y + vp->WorkSize.y - margin + 0.5f ||
            pos.x + size.x > vp->WorkPos.x + vp->WorkSize.x - margin + 0.5f || pos.y < vp->WorkPos.y || pos.x < vp->WorkPos.x)
            ImGui::SetWindowPos(ImVec2(std::max(vp->WorkPos.x + margin, vp->GetCenter().x - size.x * 0.5f),
                                       std::max(vp->WorkPos.y + margin, vp->GetCenter().y - size.y * 0.5f)));
        if (SemNode* n = sem_begin_top(Role::dialog, name))
            n->modal = true;
        if (!editing && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
            *open = false;
            ImGui::CloseCurrentPopup();
        }
        sem_item_id(ImGui::GetID("#CLOSE"), Role::button, "Close"); // the title bar's close button
        if (g_dialog_alerts)
            for (const Toast& t : *g_dialog_alerts)
                if (t.error) {
                    status_text(palette().danger, (ICON_WARNING " " + t.text).c_str(), true);
                    ImGui::Spacing();
                }
        return true;
    }
    *open = false;
    return false;
}

namespace {
// What begin/end_dialog_body and end_dialog measured in this dialog (its window's storage, the
// previous frame): the body's content height, and where the footer starts and ends.
constexpr ImGuiID body_content_key = 0x7265636Bu, footer_start_key = 0x7265636Cu, footer_end_key = 0x7265636Du;
} // namespace

void begin_dialog_body() {
    ImGuiStorage* st = ImGui::GetStateStorage();
    const float content = st->GetFloat(body_content_key, -1.0f);
    const float footer_start = st->GetFloat(footer_start_key, -1.0f), footer_end = st->GetFloat(footer_end_key, -1.0f);
    const float footer = footer_start >= 0.0f && footer_end >= footer_start ? footer_end - footer_start : ImGui::GetFrameHeightWithSpacing() * 2.0f;
    // The window may be as tall as the work area less its margins (begin_dialog's constraint): what
    // the title bar, the lines above the body, the footer and the padding leave of it.
    const float room = ImGui::GetMainViewport()->WorkSize.y - ui_px(24.0f) - ImGui::GetCursorPosY() - footer -
                       ImGui::GetStyle().WindowPadding.y;
    const float most = std::max(room, ui_px(120.0f));
    ImGui::BeginChild("##dialog_body", ImVec2(0, content < 0.0f ? most : std::min(content, most)), false,
                      ImGuiWindowFlags_NoBackground);
}

void same_line_if_fits(float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right + 0.5f)
        ImGui::SameLine();
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

void end_dialog_body() {
    const float content = ImGui::GetCursorPosY(); // the body's whole height, however far it is scrolled
    ImGui::EndChild();
    ImGuiStorage* st = ImGui::GetStateStorage();
    st->SetFloat(body_content_key, content);
    st->SetFloat(footer_start_key, ImGui::GetCursorPosY());
}

void end_dialog() {
    ImGui::GetStateStorage()->SetFloat(footer_end_key, ImGui::GetCursorPosY());
    sem_end();
    ImGui::EndPopup();
}

void cancel_and_end_dialog(bool& open) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(ui_px(100.0f), 0))) open = false;
    if (!open) ImGui::CloseCurrentPopup();
    end_dialog();
}

void draw_gauge(AppState& state, float fraction, const char* big_text, const char* small_text, float radius,
                const char* name) {
    const Palette& p = palette();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 center(origin.x + radius, origin.y + radius);
    const float thickness = radius * 0.18f;
    const float start = 3.14159265f * (5.0f / 6.0f); // 150 degrees: a 240-degree speedometer
    const float sweep = 3.14159265f * (4.0f / 3.0f);
    const float f = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
    dl->PathArcTo(center, radius - thickness * 0.5f, start, start + sweep, 48);
    dl->PathStroke(ImGui::GetColorU32(ImGuiCol_FrameBgActive), 0, thickness);
    if (f > 0.0f) {
        const ImVec4 col = f >= 1.0f ? p.success : p.accent_ink;
        dl->PathArcTo(center, radius - thickness * 0.5f, start, start + sweep * f, 48);
        dl->PathStroke(ImGui::ColorConvertFloat4ToU32(col), 0, thickness);
    }
    // End caps make the filled part read as a gauge, not a ring.
    if (f > 0.0f) {
        const float a = start + sweep * f;
        const float rr = radius - thickness * 0.5f;
        dl->AddCircleFilled(ImVec2(center.x + std::cos(a) * rr, center.y + std::sin(a) * rr), thickness * 0.5f,
                            ImGui::ColorConvertFloat4ToU32(f >= 1.0f ? p.success : p.accent_ink));
        dl->AddCircleFilled(ImVec2(center.x + std::cos(start) * rr, center.y + std::sin(start) * rr), thickness * 0.5f,
                            ImGui::ColorConvertFloat4ToU32(f >= 1.0f ? p.success : p.accent_ink));
    }
    // "100%" in the middle, "45 of 45 CEC" under it, inside the open bottom of the arc.
    if (state.fonts.heading) ImGui::PushFont(state.fonts.heading);
    const ImVec2 big = ImGui::CalcTextSize(big_text);
    dl->AddText(ImVec2(center.x - big.x * 0.5f, center.y - big.y * 0.6f), ImGui::GetColorU32(ImGuiCol_Text), big_text);
    if (state.fonts.heading) ImGui::PopFont();
    const ImVec2 small = ImGui::CalcTextSize(small_text);
    dl->AddText(ImVec2(center.x - small.x * 0.5f, center.y + big.y * 0.5f),
                ImGui::ColorConvertFloat4ToU32(p.muted_text), small_text);
    ImGui::Dummy(ImVec2(radius * 2.0f, radius * 2.0f));
    if (SemNode* n = sem_node(Role::meter, name, "gauge")) { // "100%" -> "100 percent, 45 of 45 CEC"
        std::string big(big_text);
        if (!big.empty() && big.back() == '%')
            big.replace(big.size() - 1, 1, " percent");
        n->value = big + ", " + small_text;
        while (!n->value.empty() && n->value.back() == ' ')
            n->value.pop_back();
    }
}

void progress_bar(float fraction, float width, float height, const ImVec4& color, float marker,
                  const char* name, const char* value_text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImVec2 b(a.x + width, a.y + height);
    const float f = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBgActive), height * 0.5f);
    if (f > 0) dl->AddRectFilled(a, ImVec2(a.x + width * f, b.y), ImGui::ColorConvertFloat4ToU32(color), height * 0.5f);
    if (marker >= 0.0f && marker <= 1.0f) {
        const float x = a.x + width * marker;
        dl->AddLine(ImVec2(x, a.y - 2), ImVec2(x, b.y + 2), ImGui::GetColorU32(ImGuiCol_Text), 1.5f);
    }
    ImGui::Dummy(ImVec2(width, height));
    if (!name)
        return;
    if (SemNode* n = sem_node(Role::progressbar, name)) {
        char pct[32];
        std::snprintf(pct, sizeof pct, "%d percent", static_cast<int>(std::lround(f * 100.0f)));
        n->value = value_text ? value_text : pct;
    }
}

namespace {
// How long a message stays: errors twice as long.
double toast_visible_s(const Toast& t) {
    constexpr double visible_s = 4.0;
    return t.error ? 2 * visible_s : visible_s;
}
} // namespace

double toasts_next_change(const AppState& state) {
    double at = -1.0;
    for (const Toast& t : state.toasts)
        if (t.shown_at >= 0 && (at < 0 || t.shown_at + toast_visible_s(t) < at)) at = t.shown_at + toast_visible_s(t);
    return at;
}

void draw_toasts(AppState& state) {
    const double now = ImGui::GetTime();
    for (Toast& t : state.toasts)
        if (t.shown_at < 0) t.shown_at = now;
    std::erase_if(state.toasts, [&](const Toast& t) { return now - t.shown_at > toast_visible_s(t); });
    const bool undo = state.can_undo_delete;
    if (state.toasts.empty() && !undo) return;

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(vp->WorkSize.x - ui_px(32.0f), ui_px(460.0f));
    const float x = vp->WorkPos.x + vp->WorkSize.x * 0.5f;
    float bottom = vp->WorkPos.y + vp->WorkSize.y - ui_px(16.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_AlwaysAutoResize;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    // The Undo bar is a window of its own at the bottom: its content does not change while it is
    // shown, so its buttons stay put when a message above it expires (an auto-sized window lags
    // one frame behind a change of content, which would shift a button under the pointer).
    if (undo) {
        ImGui::SetNextWindowPos(ImVec2(x, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(w, 0));
        ImGui::Begin("##undo", nullptr, flags);
        ImGui::TextUnformatted(state.undo_label.c_str());
        if (SemNode* n = sem_node(Role::status, state.undo_label, "undo"))
            n->live = Live::polite;
        ImGui::SameLine();
        if (small_button("Undo")) state.intents.push_back(UndoDelete{});
        ImGui::SameLine();
        if (small_button("Dismiss")) state.can_undo_delete = false;
        bottom = ImGui::GetWindowPos().y - ui_px(8.0f);
        ImGui::End();
    }
    // The message the Undo bar already says is not repeated above it; with a dialog open, refusals
    // are shown inside it (begin_dialog), not under its backdrop.
    const bool modal = ImGui::GetTopMostPopupModal() != nullptr;
    const auto shown = [&](const Toast& t) {
        return !(undo && t.count == 1 && t.text == state.undo_label) && !(modal && t.error);
    };
    if (std::any_of(state.toasts.begin(), state.toasts.end(), shown)) {
        ImGui::SetNextWindowPos(ImVec2(x, bottom), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(w, 0));
        ImGui::Begin("##toasts", nullptr, flags);
        for (const Toast& t : state.toasts) {
            if (!shown(t)) continue;
            const std::string text = t.count > 1 ? t.text + "  \xC3\x97" + std::to_string(t.count) : t.text; // "×3"
            status_text(t.error ? palette().danger : ImGui::GetStyleColorVec4(ImGuiCol_Text), text.c_str(),
                        t.error);
        }
        ImGui::End();
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

} // namespace recert::ui
