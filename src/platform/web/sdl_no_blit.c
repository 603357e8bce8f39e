/* Recert's SDL2 is built without SDL's software blitters (video/SDL_blit*.c, SDL_RLEaccel.c:
 * about 180 KB of the app's wasm, a seventh of its download's SDL share). Recert draws with
 * WebGL through Dear ImGui and only ever asks SDL for system cursors, so nothing of ours blits an
 * SDL_Surface. These stand in for the three functions the rest of SDL calls: a blit or surface
 * conversion fails with a plain error instead of drawing, never silently.
 * Built only into recert_sdl2 (cmake/third_party.cmake), against SDL's own internal headers. */
#include "SDL_internal.h"
#include "video/SDL_blit.h"
#include "video/SDL_RLEaccel_c.h"

int SDL_CalculateBlit(SDL_Surface *surface)
{
    (void)surface;
    return SDL_SetError("SDL software blitting is not built into Recert");
}

int SDL_RLESurface(SDL_Surface *surface)
{
    (void)surface;
    return SDL_SetError("SDL RLE surfaces are not built into Recert");
}

void SDL_UnRLESurface(SDL_Surface *surface, int recode)
{
    (void)surface;
    (void)recode; /* no surface is ever RLE-encoded here (SDL_RLESurface always fails) */
}
