# Link settings shared by every Emscripten executable that runs in a browser page (the app
# and the bare ImGui hello), so the benchmark compares builds made the same way.

# recert_web_link_flags(<target> [SHELL <file>])
function(recert_web_link_flags target)
    cmake_parse_arguments(ARG "" "SHELL" "" ${ARGN})
    set_target_properties(${target} PROPERTIES SUFFIX ".html")
    target_link_options(${target} PRIVATE
        # Debian's emcc 3.1.6 has no html-minifier; without this every .html link fails.
        "-sMINIFY_HTML=0"
        # ImGui's OpenGL3 backend renders with GLSL ES 3.00, so WebGL2 is required and WebGL1
        # fallback code is left out.
        "-sUSE_WEBGL2=1" "-sMIN_WEBGL_VERSION=2" "-sMAX_WEBGL_VERSION=2"
        # No WebGL extension is turned on when the context is made: ImGui's renderer uses WebGL 2's
        # core only, and enabling every extension the browser lists took 25 ms of main() (issue #19).
        "-sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0"
        # Logs of 10,000 activities and evidence metadata outgrow the default 16 MiB heap.
        "-sALLOW_MEMORY_GROWTH=1"
        # The memory grows by what is asked plus 5%, not 20%: wasm memory never shrinks, so a
        # restore's peak (27.6 MB in use) was kept as 33.3 MiB. A grow is cheap in browsers (the
        # memory is reserved up front); the 10,000-row restore grows a few more times.
        "-sMEMORY_GROWTH_GEOMETRIC_STEP=0.05"
        # A 2 MiB stack, not 3.1.6's 5 MiB (later Emscripten gives 64 KiB): nothing of ours recurses
        # deeper than JSON's 64 levels, and the wasm memory, which never shrinks, is 3 MiB smaller.
        "-sTOTAL_STACK=2097152"
        # Only the browser main thread runs this code: drop node/worker/shell support.
        "-sENVIRONMENT=web"
        # No eval()/new Function() in the JS glue, so a strict CSP without 'unsafe-eval' works.
        "-sDYNAMIC_EXECUTION=0"
        # Smaller glue: fail loudly on a missing symbol at link time rather than at run time.
        "-sERROR_ON_UNDEFINED_SYMBOLS=1"
        # The app is a main loop, never "done": keep the runtime alive after main() returns.
        "-sEXIT_RUNTIME=0"
        # A function called from one place is inlined into its caller only when it is small (Binaryen
        # inlines all of them by default). The browser compiles each wasm function on its first
        # call, whole: the main loop held every view of the dashboard (97 KB of code), all compiled
        # for the first frame, which shows only the loading view; it is 22 KB now. The start-up's
        # longest task at 4x CPU (the first frame's) went from 160 to 137 ms with this alone (issue
        # #19; scripts/bench blocking, 2 runs each); the engine and the frame times are unchanged.
        "-sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=1000"
    )
    if(ARG_SHELL)
        target_link_options(${target} PRIVATE "--shell-file=${ARG_SHELL}")
        # Relink when the shell template changes (LINK_DEPENDS is honoured by Ninja/Makefiles).
        set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${ARG_SHELL})
    endif()
endfunction()
