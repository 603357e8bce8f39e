// The GL state the ImGui OpenGL3 backend reads back every frame, answered from memory.
//
// ImGui_ImplOpenGL3_RenderDrawData (1.86) saves the GL state before drawing and restores it after:
// 13 glGetIntegerv and 5 glIsEnabled calls a frame. In WebGL each is a getParameter/isEnabled
// call that may wait on the GPU process; in headless Chromium they took 60% of the main loop's
// CPU time (2.0 of 3.4 s while scrolling 10,000 activities). Recert is the only user of its GL
// context and the backend restores exactly what it saved, so between frames the state it reads is
// what it read the time before, except the viewport, which the main loop sets each frame
// (main_web.cpp) and is always read for real. The values the backend reads start as a new
// context's (seed_defaults, called when the context is made); any other value's first read asks
// GL, and later ones are answered from that.
//
// Force-included (-include) into the app's ImGui library only (src/platform/web/CMakeLists.txt),
// so the backend's source, fetched from Debian, stays as it is. With ?glcheck=1 (test hooks) every
// answer is also read from GL and compared; the browser tests assert there was no difference.
#pragma once

#include <GLES3/gl3.h>

namespace recert::gl_cache {

struct Entry {
    GLenum name = 0;
    GLint value[4] = {0, 0, 0, 0};
};

struct State {
    Entry ints[16];
    int int_count = 0;
    Entry caps[8]; // value[0]: the glIsEnabled answer
    int cap_count = 0;
    bool check = false;  // also ask GL, and count the answers that differ
    int mismatches = 0;
    int real_queries = 0; // calls that went to GL (first reads, the viewport, checks)
};

inline State state;

// The state values RenderDrawData saves and restores (GL_VIEWPORT is not among them: see above).
inline bool cached_int(GLenum name) {
    switch (name) {
    case GL_ACTIVE_TEXTURE: case GL_CURRENT_PROGRAM: case GL_TEXTURE_BINDING_2D:
    case GL_ARRAY_BUFFER_BINDING: case GL_VERTEX_ARRAY_BINDING: case GL_SCISSOR_BOX:
    case GL_BLEND_SRC_RGB: case GL_BLEND_DST_RGB: case GL_BLEND_SRC_ALPHA: case GL_BLEND_DST_ALPHA:
    case GL_BLEND_EQUATION_RGB: case GL_BLEND_EQUATION_ALPHA:
        return true;
    default:
        return false;
    }
}

inline int value_count(GLenum name) { return name == GL_SCISSOR_BOX ? 4 : 1; }

// Keeps an answer (a full table keeps none: the value is then asked for each time).
inline void remember_int(GLenum name, const GLint* value) {
    State& s = state;
    if (s.int_count >= int(sizeof s.ints / sizeof s.ints[0])) return;
    Entry& e = s.ints[s.int_count++];
    e.name = name;
    for (int k = 0; k < value_count(name); ++k) e.value[k] = value[k];
}
inline void remember_cap(GLenum cap, GLboolean on) {
    State& s = state;
    if (s.cap_count >= int(sizeof s.caps / sizeof s.caps[0])) return;
    s.caps[s.cap_count].name = cap;
    s.caps[s.cap_count++].value[0] = on;
}

inline void get_integerv(GLenum name, GLint* out) {
    State& s = state;
    if (!cached_int(name)) {
        ++s.real_queries;
        glGetIntegerv(name, out);
        return;
    }
    const int n = value_count(name);
    for (int i = 0; i < s.int_count; ++i) {
        Entry& e = s.ints[i];
        if (e.name != name) continue;
        if (s.check) {
            ++s.real_queries;
            GLint real[4] = {0, 0, 0, 0};
            glGetIntegerv(name, real);
            for (int k = 0; k < n; ++k)
                if (real[k] != e.value[k]) ++s.mismatches, e.value[k] = real[k];
        }
        for (int k = 0; k < n; ++k) out[k] = e.value[k];
        return;
    }
    ++s.real_queries;
    glGetIntegerv(name, out);
    remember_int(name, out);
}

// A new context's state is the one the GL ES 3.0 specification gives (the scissor box: the
// drawable's size when the context was made), and nothing touches these values before the
// backend's first read: they are known without asking. Asking costs a round trip to the GPU
// process, and the first one waits for all the work queued there before it (the context's own set
// up, the shaders, the font textures): 20-49 ms of the first frame in Lighthouse's first visits
// (session 19), where nothing else in that frame waits. Call right after the context is made.
inline void seed_defaults(GLint width, GLint height) {
    State& s = state;
    const auto put = [](GLenum name, GLint a, GLint b = 0, GLint c = 0, GLint d = 0) {
        const GLint value[4] = {a, b, c, d};
        remember_int(name, value);
    };
    s.int_count = 0;
    put(GL_ACTIVE_TEXTURE, GL_TEXTURE0);
    put(GL_CURRENT_PROGRAM, 0);
    put(GL_TEXTURE_BINDING_2D, 0);
    put(GL_ARRAY_BUFFER_BINDING, 0);
    put(GL_VERTEX_ARRAY_BINDING, 0);
    put(GL_SCISSOR_BOX, 0, 0, width, height);
    put(GL_BLEND_SRC_RGB, GL_ONE);
    put(GL_BLEND_DST_RGB, GL_ZERO);
    put(GL_BLEND_SRC_ALPHA, GL_ONE);
    put(GL_BLEND_DST_ALPHA, GL_ZERO);
    put(GL_BLEND_EQUATION_RGB, GL_FUNC_ADD);
    put(GL_BLEND_EQUATION_ALPHA, GL_FUNC_ADD);
    s.cap_count = 0;
    const GLenum off[] = {GL_BLEND, GL_CULL_FACE, GL_DEPTH_TEST, GL_STENCIL_TEST, GL_SCISSOR_TEST};
    for (GLenum cap : off) remember_cap(cap, GL_FALSE);
}

inline GLboolean is_enabled(GLenum cap) {
    State& s = state;
    for (int i = 0; i < s.cap_count; ++i) {
        Entry& e = s.caps[i];
        if (e.name != cap) continue;
        if (s.check) {
            ++s.real_queries;
            const GLint real = glIsEnabled(cap);
            if (real != e.value[0]) ++s.mismatches, e.value[0] = real;
        }
        return GLboolean(e.value[0]);
    }
    ++s.real_queries;
    const GLboolean real = glIsEnabled(cap);
    remember_cap(cap, real);
    return real;
}

} // namespace recert::gl_cache

// Only in the translation units this header is forced into: the backend's reads go through it.
#ifdef RECERT_GL_STATE_CACHE_REDIRECT
#define glGetIntegerv recert::gl_cache::get_integerv
#define glIsEnabled recert::gl_cache::is_enabled
#endif
