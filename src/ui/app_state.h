// The dashboard's whole state: the UI is a view of an AppState, read every frame. The
// platform layer owns one AppState, fills in what the browser knows (today, storage status)
// and carries out the requests the UI leaves in it.
#pragma once

#include <string>

struct ImFont;

namespace recert::ui {

enum class Theme { light, dark };

// The main window's views; only the dashboard exists so far.
enum class View { dashboard };

// Fonts loaded by load_fonts(); null until then (ImGui's default font is used meanwhile).
struct Fonts {
    ImFont* body = nullptr;    // Inter Regular with icons merged
    ImFont* strong = nullptr;  // Inter SemiBold
    ImFont* heading = nullptr; // Inter SemiBold, large
};

struct UiSettings {
    Theme theme = Theme::light;
};

struct AppState {
    UiSettings settings;
    Fonts fonts;
    std::string version = "0.1.0";
    std::string today_iso; // "YYYY-MM-DD", set by the platform each frame (today is never read here)

    // Open windows and dialogs.
    bool show_about = false;
    bool show_shortcuts = false;

    // The view shown in the main window (set from the menu, or by a host page's openView).
    View view = View::dashboard;
    // Running inside a host page's iframe (?embed=1): hide the chrome the host page provides.
    bool embedded = false;

    // Set when the theme changed this frame; the platform persists settings.
    bool settings_dirty = false;
};

} // namespace recert::ui
