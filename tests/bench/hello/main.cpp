// Bare Dear ImGui + SDL2 + WebGL2 "hello": the size / time-to-first-frame baseline the
// benchmark compares the app against. Keep it minimal; it must not grow features.
#include <SDL.h>
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <cstdio>

// Guards against Emscripten's bundled SDL 1.2 headers (system/include/SDL) winning the lookup.
static_assert(SDL_MAJOR_VERSION == 2 && SDL_MINOR_VERSION == 26 && SDL_PATCHLEVEL == 5,
              "expected SDL 2.26.5 headers from .deps/sdl2");

// Benchmark hook: the time from navigation start to this mark is "time to first frame".
EM_JS(void, recert_mark_first_frame, (), {
    performance.mark('recert-first-frame');
    window.__recertFirstFrame = performance.now();
});

namespace {

SDL_Window* g_window = nullptr;
bool g_first_frame_marked = false;

void frame() {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();

    // An explicit size makes ImGui draw the window on its very first frame (windows that
    // auto-size are hidden for one frame while they measure themselves).
    ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(320, 120), ImGuiCond_FirstUseEver);
    static int clicks = 0;
    ImGui::Begin("Hello");
    ImGui::Text("Hello from Dear ImGui %s + SDL %d.%d.%d", IMGUI_VERSION, SDL_MAJOR_VERSION,
                SDL_MINOR_VERSION, SDL_PATCHLEVEL);
    if (ImGui::Button("Click me")) ++clicks;
    ImGui::SameLine();
    ImGui::Text("clicks: %d", clicks);
    ImGui::End();

    ImGui::Render();
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImDrawData* draw_data = ImGui::GetDrawData();
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);
    SDL_GL_SwapWindow(g_window);

    // First frame that actually contains ImGui geometry (frame 1 here, see above).
    if (!g_first_frame_marked && draw_data->TotalVtxCount > 0) {
        g_first_frame_marked = true;
        recert_mark_first_frame();
    }
}

}  // namespace

int main(int, char**) {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    // WebGL2 == OpenGL ES 3.0 (Emscripten's EGL maps client version 3 to WebGL2).
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // ImGui needs neither depth nor stencil
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    // RESIZABLE: SDL then follows the canvas' CSS size (full window in shell.html).
    const auto flags =
        static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    g_window = SDL_CreateWindow("Recert hello", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 800, 600,
                                flags);
    SDL_GLContext gl = g_window ? SDL_GL_CreateContext(g_window) : nullptr;
    if (!gl) {
        std::fprintf(stderr, "SDL window/WebGL2 context: %s\n", SDL_GetError());
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini on the web
    ImGui::StyleColorsDark();
    ImGui_ImplSDL2_InitForOpenGL(g_window, gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");  // default font (ProggyClean, built in)

    emscripten_set_main_loop(frame, 0, 1);  // rAF-driven; does not return
    return 0;
}
