# SDL2 2.26.5 and Dear ImGui 1.86, compiled from the Debian source packages that
# scripts/fetch-deps unpacks into .deps/.
#
# Emscripten build:
#   recert_sdl2                     STATIC  SDL2, Emscripten backend only, no threads
#   recert_add_imgui(NAME <t> [DEFINES <d>...] [WITH_DEMO])
#                                   STATIC  ImGui core + SDL2/OpenGL3 backends on recert_sdl2
#   recert_imgui_plain              STATIC  recert_add_imgui() without extra defines (hello)
# Native build (headless UI tests, tests/ui):
#   recert_imgui                    STATIC  ImGui core + imgui_stdlib, no backend, with the
#                                           test-engine hooks (the same defines as the web UI's)
#
# SDL is built from our own file list instead of SDL's CMake project: that one runs hundreds
# of configure checks and would build drivers Emscripten never uses.

set(RECERT_DEPS_DIR ${CMAKE_SOURCE_DIR}/.deps)
set(RECERT_SDL2_DIR ${RECERT_DEPS_DIR}/sdl2)     # symlink -> libsdl2-2.26.5+dfsg
set(RECERT_IMGUI_DIR ${RECERT_DEPS_DIR}/imgui)   # symlink -> imgui-1.86+ds
set(_required ${RECERT_IMGUI_DIR}/imgui.h)
if(EMSCRIPTEN)
    list(APPEND _required ${RECERT_SDL2_DIR}/include/SDL.h)
endif()
foreach(_f ${_required})
    if(NOT EXISTS ${_f})
        message(FATAL_ERROR "Missing ${_f}: run scripts/fetch-deps (unpacks SDL2 and Dear ImGui into .deps/).")
    endif()
endforeach()

# The compile definitions every ImGui variant shares (PUBLIC: they change imgui.h's ABI).
# Keep obsolete 1.8x API out of our code. (IMGUI_DISABLE_OBSOLETE_KEYIO does not exist in
# 1.86; it arrived with the 1.87 key-IO rework.)
set(RECERT_IMGUI_COMMON_DEFINES IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

if(NOT EMSCRIPTEN)
    # Natively: the ImGui core only (no platform or renderer backend), for the headless UI
    # tests. The UI's semantics layer (src/ui/semantics.cpp) defines the test-engine hooks.
    set(_d ${RECERT_IMGUI_DIR})
    add_library(recert_imgui STATIC ${_d}/imgui.cpp ${_d}/imgui_draw.cpp ${_d}/imgui_tables.cpp
                                    ${_d}/imgui_widgets.cpp ${_d}/misc/cpp/imgui_stdlib.cpp)
    target_include_directories(recert_imgui SYSTEM PUBLIC ${_d} ${_d}/misc/cpp)
    target_compile_definitions(recert_imgui PUBLIC ${RECERT_IMGUI_COMMON_DEFINES} IMGUI_ENABLE_TEST_ENGINE)
    target_compile_options(recert_imgui PRIVATE -w)   # third-party code
    return()
endif()

# SDL_config_emscripten.h switches SDL to its pthread backend when __EMSCRIPTEN_PTHREADS__
# is defined; our file list carries the generic (threadless) backend only.
foreach(_v CMAKE_C_FLAGS CMAKE_CXX_FLAGS CMAKE_EXE_LINKER_FLAGS)
    if("${${_v}}" MATCHES "-pthread|USE_PTHREADS")
        message(FATAL_ERROR "${_v} enables pthreads; recert_sdl2 is built without threads.")
    endif()
endforeach()

# ---------------------------------------------------------------------------------------
# SDL2
# ---------------------------------------------------------------------------------------
# Mirrors what SDL's own CMake compiles for EMSCRIPTEN with SDL_config_emscripten.h (which
# SDL_config.h selects by itself on __EMSCRIPTEN__), minus:
#   - files whose code is #if'ed out on Emscripten (checked: empty objects):
#     dynapi/ (SDL_DYNAMIC_API is 0), events/SDL_keysym_to_scancode.c, SDL_scancode_tables.c,
#     imKStoUCS.c (X11/Wayland), audio/SDL_audiodev.c (OSS/Sun), video/SDL_vulkan_utils.c,
#     render/SDL_d3dmath.c, render/{opengl,opengles,direct3d*,...}, video/{dummy,offscreen}
#     (those drivers are not enabled by the config);
#   - libm/: SDL's fallback math (SDL_uclibc_*) is only used where a HAVE_<fn> is missing,
#     and the config defines them all;
#   - core/unix/SDL_poll.c (only used by non-Emscripten drivers), stdlib/SDL_mslibc.c (MSVC),
#     main/ (SDL_main is not used on Emscripten: our main() is the entry point).
# Kept although disabled by the config, because they provide public API symbols as stubs:
#   hidapi/SDL_hidapi.c (SDL_hid_*), haptic/dummy, sensor/dummy.
set(_sdl_sources
    # core
    SDL.c SDL_assert.c SDL_dataqueue.c SDL_error.c SDL_guid.c SDL_hints.c SDL_list.c
    SDL_log.c SDL_utils.c
    atomic/SDL_atomic.c atomic/SDL_spinlock.c
    cpuinfo/SDL_cpuinfo.c
    file/SDL_rwops.c
    filesystem/emscripten/SDL_sysfilesystem.c
    loadso/dlopen/SDL_sysloadso.c                # SDL_LOADSO_DLOPEN (fails at runtime: no MAIN_MODULE)
    locale/SDL_locale.c locale/emscripten/SDL_syslocale.c
    misc/SDL_url.c misc/emscripten/SDL_sysurl.c
    power/SDL_power.c power/emscripten/SDL_syspower.c
    stdlib/SDL_crc16.c stdlib/SDL_crc32.c stdlib/SDL_getenv.c stdlib/SDL_iconv.c
    stdlib/SDL_malloc.c stdlib/SDL_qsort.c stdlib/SDL_stdlib.c stdlib/SDL_string.c
    stdlib/SDL_strtokr.c
    # threads: generic backend; with SDL_THREADS_DISABLED it only has single-thread stubs
    thread/SDL_thread.c
    thread/generic/SDL_syscond.c thread/generic/SDL_sysmutex.c thread/generic/SDL_syssem.c
    thread/generic/SDL_systhread.c thread/generic/SDL_systls.c
    timer/SDL_timer.c timer/unix/SDL_systimer.c
    # events
    events/SDL_clipboardevents.c events/SDL_displayevents.c events/SDL_dropevents.c
    events/SDL_events.c events/SDL_gesture.c events/SDL_keyboard.c events/SDL_mouse.c
    events/SDL_quit.c events/SDL_touch.c events/SDL_windowevents.c
    # video
    # (not the software blitters video/SDL_blit*.c and SDL_RLEaccel.c: see _sdl_no_blit below)
    video/SDL_bmp.c video/SDL_clipboard.c video/SDL_egl.c
    video/SDL_fillrect.c video/SDL_pixels.c video/SDL_rect.c video/SDL_shape.c
    video/SDL_stretch.c video/SDL_surface.c video/SDL_video.c video/SDL_yuv.c
    video/yuv2rgb/yuv_rgb.c
    video/emscripten/SDL_emscriptenevents.c video/emscripten/SDL_emscriptenframebuffer.c
    video/emscripten/SDL_emscriptenmouse.c video/emscripten/SDL_emscriptenopengles.c
    video/emscripten/SDL_emscriptenvideo.c
    # render: GLES2 (WebGL) + software renderers
    render/SDL_render.c render/SDL_yuv_sw.c
    render/opengles2/SDL_render_gles2.c render/opengles2/SDL_shaders_gles2.c
    render/software/SDL_blendfillrect.c render/software/SDL_blendline.c
    render/software/SDL_blendpoint.c render/software/SDL_drawline.c
    render/software/SDL_drawpoint.c render/software/SDL_render_sw.c
    render/software/SDL_rotate.c render/software/SDL_triangle.c
    # audio: Web Audio + the dummy and disk drivers the config enables
    audio/SDL_audio.c audio/SDL_audiocvt.c audio/SDL_audiotypecvt.c
    audio/SDL_mixer.c audio/SDL_wave.c
    audio/emscripten/SDL_emscriptenaudio.c audio/disk/SDL_diskaudio.c
    audio/dummy/SDL_dummyaudio.c
    # input devices
    joystick/SDL_gamecontroller.c joystick/SDL_joystick.c joystick/controller_type.c
    joystick/emscripten/SDL_sysjoystick.c
    haptic/SDL_haptic.c haptic/dummy/SDL_syshaptic.c
    sensor/SDL_sensor.c sensor/dummy/SDL_dummysensor.c
    hidapi/SDL_hidapi.c
)
list(TRANSFORM _sdl_sources PREPEND ${RECERT_SDL2_DIR}/src/)
foreach(_f IN LISTS _sdl_sources)
    if(NOT EXISTS ${_f})
        message(FATAL_ERROR "SDL source ${_f} not found: unexpected SDL tree in ${RECERT_SDL2_DIR}.")
    endif()
endforeach()
# SDL's software blitters are left out (~180 KB of wasm, issue #19): Recert draws with WebGL and
# asks SDL for system cursors only. Our stand-ins for the three functions the rest of SDL calls
# make any blit or surface conversion fail with an error instead.
set(_sdl_no_blit ${CMAKE_SOURCE_DIR}/src/platform/web/sdl_no_blit.c)

add_library(recert_sdl2 STATIC ${_sdl_sources} ${_sdl_no_blit})
recert_size_first(recert_sdl2)
# SYSTEM -> -isystem, which clang searches before Emscripten's implicit sysroot/include/SDL
# (the bundled SDL 1.2 headers), so <SDL.h> is SDL 2.26.5's; SYSTEM also keeps SDL's headers
# out of our own code's warnings.
target_include_directories(recert_sdl2 SYSTEM PUBLIC ${RECERT_SDL2_DIR}/include)
# SDL's sources include "SDL_internal.h", "../SDL_sysvideo.h" etc. relative to src/.
target_include_directories(recert_sdl2 PRIVATE ${RECERT_SDL2_DIR}/src)
target_compile_options(recert_sdl2 PRIVATE
    -w                        # third-party code: silence all of SDL's warnings (this target only)
    -fno-strict-aliasing)     # SDL's own build uses it (type-punning in blitters/stdlib)
# Link-time needs of SDL's EM_ASM blocks (what Emscripten's own SDL2 port adds in
# tools/ports/sdl2.py): autoResumeAudioContext (audio, resumes Web Audio on first input)
# and dynCall (audio callbacks). Other JS helpers they use (setValue, UTF8ToString,
# stringToUTF8) are in 3.1.6's default runtime; _malloc is exported because the project
# builds with -fexceptions. The list goes through a file (emcc's one-symbol-per-line
# "-sSETTING=@file" form) because CMake's Ninja generator mangles '$' in link options.
# NB: a later DEFAULT_LIBRARY_FUNCS_TO_INCLUDE on the link line would replace this list.
set(_sdl_js_deps ${CMAKE_BINARY_DIR}/recert_sdl2_js_deps.txt)
file(CONFIGURE OUTPUT ${_sdl_js_deps} CONTENT "$autoResumeAudioContext\n$dynCall\n" @ONLY)
target_link_options(recert_sdl2 INTERFACE "-sDEFAULT_LIBRARY_FUNCS_TO_INCLUDE=@${_sdl_js_deps}")

# ---------------------------------------------------------------------------------------
# Dear ImGui
# ---------------------------------------------------------------------------------------
# recert_add_imgui(NAME <target> [DEFINES <defs...>] [WITH_DEMO])
# Each variant is its own static library because ImGui's configuration macros change the
# ABI of imgui.h (e.g. IMGUI_ENABLE_TEST_ENGINE adds hooks), so every TU of a program must
# agree: all definitions are PUBLIC.
function(recert_add_imgui)
    cmake_parse_arguments(ARG "WITH_DEMO" "NAME" "DEFINES" ${ARGN})
    if(NOT ARG_NAME OR ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "usage: recert_add_imgui(NAME <target> [DEFINES <defs...>] [WITH_DEMO])")
    endif()
    set(_d ${RECERT_IMGUI_DIR})
    set(_srcs ${_d}/imgui.cpp ${_d}/imgui_draw.cpp ${_d}/imgui_tables.cpp ${_d}/imgui_widgets.cpp
              ${_d}/backends/imgui_impl_sdl.cpp ${_d}/backends/imgui_impl_opengl3.cpp)
    if(ARG_WITH_DEMO)
        list(APPEND _srcs ${_d}/imgui_demo.cpp)   # ShowDemoWindow(), ShowStyleEditor(), ...
    endif()
    add_library(${ARG_NAME} STATIC ${_srcs})
    target_include_directories(${ARG_NAME} SYSTEM PUBLIC ${_d} ${_d}/backends)
    target_link_libraries(${ARG_NAME} PUBLIC recert_sdl2)
    target_compile_definitions(${ARG_NAME} PUBLIC
        ${RECERT_IMGUI_COMMON_DEFINES}
        # WebGL2 = GLES 3.0: GLES3/gl3.h, "#version 300 es" shaders, native VAOs. Without it
        # 1.86's imgui_impl_opengl3.h auto-selects IMGUI_IMPL_OPENGL_ES2 (WebGL1) on __EMSCRIPTEN__.
        IMGUI_IMPL_OPENGL_ES3
        ${ARG_DEFINES})
    target_compile_options(${ARG_NAME} PRIVATE
        -w)   # third-party code: ImGui/backends warnings are not ours to fix (this target only)
endfunction()

recert_add_imgui(NAME recert_imgui_plain)   # bare ImGui for tests/bench/hello
