// What the release wasm's code is made of: each function body's size (the code section), named
// through the symbol map emcc writes next to it (--emit-symbol-map: "index:mangled name"), demangled
// with c++filt and grouped by where it comes from (Recert's layers, Dear ImGui, SDL2, nlohmann/json,
// the C++ standard library, libc and the runtime). Used by the bench's `sizes` section.
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants as zc } from 'node:zlib';

function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

// { imports: number of imported functions, bodies: [size of each defined function body],
//   code: [header, contents, end) of the code section, starts: where each body begins }
function functionSizes(wasm) {
  let pos = 8, imports = 0;
  const bodies = [], starts = [];
  let code = null;
  while (pos < wasm.length) {
    const header = pos;
    const id = wasm[pos++];
    let size;
    [size, pos] = leb(wasm, pos);
    const end = pos + size;
    if (id === 2) { // imports: count the functions (kind 0)
      let n, p = pos;
      [n, p] = leb(wasm, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(wasm, p); p += len; // module
        [len, p] = leb(wasm, p); p += len; // field
        const kind = wasm[p++];
        if (kind === 0) { imports++; [, p] = leb(wasm, p); }
        else if (kind === 1) { p += 1; const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
        else if (kind === 2) { const flags = wasm[p++]; [, p] = leb(wasm, p); if (flags & 1) [, p] = leb(wasm, p); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p += 1; [, p] = leb(wasm, p); }
      }
    } else if (id === 10) { // code
      code = [header, pos, end];
      let n, p = pos;
      [n, p] = leb(wasm, p);
      for (let i = 0; i < n; i++) {
        let len;
        const start = p;
        [len, p] = leb(wasm, p);
        starts.push(start);
        bodies.push(p - start + len);
        p += len;
      }
    }
    pos = end;
  }
  return { imports, bodies, starts, code };
}

const brotli = (buf) => brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;

// The module with the bodies for which stub(i) is true replaced by `unreachable` (still a valid
// module: the other functions, the data and the tables are as they were).
function stubbed(wasm, parsed, stub) {
  const { bodies, starts, code } = parsed;
  const STUB = [3, 0, 0x00, 0x0b]; // size 3: no locals, unreachable, end
  const parts = [Buffer.from(uleb(bodies.length))];
  bodies.forEach((size, i) => parts.push(stub(i) ? Buffer.from(STUB) : wasm.subarray(starts[i], starts[i] + size)));
  const contents = Buffer.concat(parts);
  const [header, , end] = code;
  return Buffer.concat([wasm.subarray(0, header), Buffer.from([10, ...uleb(contents.length)]), contents, wasm.subarray(end)]);
}

export const GROUPS = ['Recert core', 'Recert storage/sync/app', 'Recert ui', 'Recert web glue', 'nlohmann/json',
  'Dear ImGui', 'SDL2', 'C++ std library', 'libc, runtime, other'];

function group(name) {
  if (name.includes('nlohmann')) return 'nlohmann/json';
  if (name.startsWith('recert::core')) return 'Recert core';
  if (/^recert::(storage|sync)|^recert::app::(Controller|ReportsController|SyncController|RecordWriter|PendingWrites|dispatch|frame_batch|input|a11y_is|a11y_apply)/.test(name)) return 'Recert storage/sync/app';
  if (name.startsWith('recert::ui')) return 'Recert ui';
  // Top-level anonymous namespaces are ours (main_web.cpp and the glue); ImGui and SDL use statics.
  if (name.startsWith('recert::') || /^recert_|^main$|^\(anonymous namespace\)::/.test(name)) return 'Recert web glue';
  if (/^(ImGui|Im[A-Z]|stb|Stb|ImStb)/.test(name) || name.includes('ImGui') || name.includes('ImVector')) return 'Dear ImGui';
  // SDL2 in C: SDL_*, its Emscripten backend, its software blitters and EGL shim.
  if (/^(SDL|Emscripten_|GLES2_|GL_|Blit|egl|Map1to|RLE|SW_|Convert|Calculate|SDL_Blit|Sint|Uint)/.test(name)) return 'SDL2';
  if (/^(stbtt|stbrp|stb_|STB_)/.test(name)) return 'Dear ImGui'; // stb_truetype / stb_rect_pack / stb_textedit inside ImGui
  if (name.startsWith('std::') || name.includes('std::__2')) {
    if (name.includes('recert::')) return name.includes('recert::ui') ? 'Recert ui' : name.includes('recert::core') ? 'Recert core' : 'Recert storage/sync/app';
    return 'C++ std library';
  }
  return 'libc, runtime, other';
}

// { total, groups: { name: bytes }, largest: [[bytes, name]] } or null when the map is missing.
// With { brotli: true }, also brotli: { whole, without: { group: the whole module's brotli size with
// that group's bodies stubbed out }, recert: the same without every Recert group }, so what each
// origin adds to the download is whole - without[group].
export function wasmBreakdown(wasmFile, symbolsFile, { brotli: measureBrotli = false } = {}) {
  if (!existsSync(wasmFile) || !existsSync(symbolsFile)) return null;
  const wasm = readFileSync(wasmFile);
  const parsed = functionSizes(wasm);
  const { imports, bodies } = parsed;
  const names = new Map();
  for (const line of readFileSync(symbolsFile, 'utf8').split('\n')) {
    const i = line.indexOf(':');
    // emcc escapes what a wasm name may not hold as \xx (hex): "\28anonymous\20namespace\29".
    if (i > 0) names.set(Number(line.slice(0, i)), line.slice(i + 1).replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  }
  const mangled = bodies.map((_, i) => names.get(imports + i) ?? `(function ${imports + i})`);
  const demangled = execFileSync('c++filt', [], { input: mangled.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const groups = Object.fromEntries(GROUPS.map((g) => [g, 0]));
  const largest = [];
  let total = 0;
  bodies.forEach((size, i) => {
    const name = demangled[i] ?? mangled[i];
    groups[group(name)] += size;
    total += size;
    largest.push([size, name]);
  });
  const of = bodies.map((_, i) => group(demangled[i] ?? mangled[i]));
  largest.sort((a, b) => b[0] - a[0]);
  const result = { total, groups, largest: largest.slice(0, 15), all: largest };
  if (measureBrotli) {
    const without = Object.fromEntries(GROUPS.map((g) => [g, brotli(stubbed(wasm, parsed, (i) => of[i] === g))]));
    result.brotli = { whole: brotli(wasm), without, recert: brotli(stubbed(wasm, parsed, (i) => of[i].startsWith('Recert'))),
      none: brotli(stubbed(wasm, parsed, () => true)) };
  }
  return result;
}
