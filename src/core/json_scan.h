// Internal: a strict, allocation-light JSON scanner for decoders' fast paths. It reads well-formed
// JSON straight into C++ values without building a DOM; on anything it does not accept it simply
// returns false, and the caller falls back to the DOM decoder, which reports the located error.
// So a fast path can never accept what the strict decoder refuses, only skip work on good input.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core::detail {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF):
// what nlohmann's parser and serializer accept.
inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size())
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

class Scanner {
  public:
    explicit Scanner(std::string_view text) : m_s(text) {}
    std::size_t offset() const { return m_i; } // bytes read so far

    // Steps over an array or object by its brackets alone (strings respected, nothing else checked):
    // for a large value whose parts are read, and checked, later. `raw` gets its text.
    bool skip_brackets(std::string_view* raw) {
        ws();
        const std::size_t start = m_i;
        int depth = 0;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i++];
            if (c == '"') {
                for (;;) { // to the closing quote: one not escaped by an odd run of backslashes
                    const void* q = m_i < m_s.size() ? std::memchr(m_s.data() + m_i, '"', m_s.size() - m_i) : nullptr;
                    if (!q)
                        return false;
                    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(q) - m_s.data());
                    std::size_t slashes = 0;
                    while (at - slashes > m_i && m_s[at - slashes - 1] == '\\')
                        ++slashes;
                    m_i = at + 1;
                    if (slashes % 2 == 0)
                        break;
                }
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                if (--depth == 0) {
                    *raw = m_s.substr(start, m_i - start);
                    return true;
                }
            } else if (depth == 0) {
                return false; // not an array or object
            }
        }
        return false;
    }

    void ws() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t'))
            ++m_i;
    }
    // Consumes `c` (after whitespace) if it is next.
    bool eat(char c) {
        ws();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    // Consumes `null` if it is next.
    bool null() {
        ws();
        if (m_s.substr(m_i, 4) == "null") {
            m_i += 4;
            return true;
        }
        return false;
    }
    bool boolean(bool& v) {
        ws();
        if (m_s.substr(m_i, 4) == "true") {
            m_i += 4;
            v = true;
            return true;
        }
        if (m_s.substr(m_i, 5) == "false") {
            m_i += 5;
            v = false;
            return true;
        }
        return false;
    }
    // The next character after whitespace, or '\0' at the end (nothing is consumed).
    char peek() {
        ws();
        return m_i < m_s.size() ? m_s[m_i] : '\0';
    }
    bool at_end() {
        ws();
        return m_i == m_s.size();
    }

    // A string value into `out` (escapes decoded, UTF-8 checked).
    bool string(std::string& out) {
        out.clear();
        ws();
        if (m_i >= m_s.size() || m_s[m_i] != '"')
            return false;
        ++m_i;
        bool ascii = true;
        for (;;) {
            const std::size_t start = m_i;
            while (m_i < m_s.size()) {
                const auto c = static_cast<unsigned char>(m_s[m_i]);
                if (c == '"' || c == '\\' || c < 0x20)
                    break;
                ascii = ascii && c < 0x80;
                ++m_i;
            }
            out.append(m_s.data() + start, m_i - start);
            if (m_i >= m_s.size())
                return false;
            const char c = m_s[m_i++];
            if (c == '"')
                break;
            if (c != '\\')
                return false; // a raw control character
            if (m_i >= m_s.size())
                return false;
            switch (m_s[m_i++]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!hex4(cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t lo = 0;
                    if (m_s.substr(m_i, 2) != "\\u")
                        return false;
                    m_i += 2;
                    if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return false;
                }
                utf8(out, cp);
                break;
            }
            default:
                return false;
            }
        }
        return ascii || valid_utf8(out);
    }

    // An integer written without fraction or exponent.
    bool integer(long long& v) {
        ws();
        const std::size_t start = m_i;
        const bool neg = m_i < m_s.size() && m_s[m_i] == '-';
        if (neg)
            ++m_i;
        if (m_i >= m_s.size() || m_s[m_i] < '0' || m_s[m_i] > '9')
            return false;
        if (m_s[m_i] == '0' && m_i + 1 < m_s.size() && m_s[m_i + 1] >= '0' && m_s[m_i + 1] <= '9')
            return false; // leading zero
        unsigned long long n = 0;
        while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            if (n > (1ULL << 62))
                return false;
            n = n * 10 + static_cast<unsigned>(m_s[m_i++] - '0');
        }
        if (m_i < m_s.size() && (m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E'))
            return false;
        v = neg ? -static_cast<long long>(n) : static_cast<long long>(n);
        (void)start;
        return true;
    }

    // Skips one value of any kind, checking its syntax; `raw` gets its text.
    bool skip(std::string_view* raw = nullptr, int depth = 0) {
        ws();
        const std::size_t start = m_i;
        if (m_i >= m_s.size() || depth > 200)
            return false;
        const char c = m_s[m_i];
        bool ok = true;
        if (c == '"') {
            ok = string(m_scratch);
        } else if (c == '{' || c == '[') {
            ++m_i;
            const char close = c == '{' ? '}' : ']';
            if (!eat(close)) {
                do {
                    if (c == '{' && (!string(m_scratch) || !eat(':')))
                        return false;
                    if (!skip(nullptr, depth + 1))
                        return false;
                } while (eat(','));
                ok = eat(close);
            }
        } else if (c == 't' || c == 'f') {
            bool b = false;
            ok = boolean(b);
        } else if (c == 'n') {
            ok = null();
        } else {
            ok = number();
        }
        if (ok && raw)
            *raw = m_s.substr(start, m_i - start);
        return ok;
    }

  private:
    bool hex4(std::uint32_t& v) {
        if (m_i + 4 > m_s.size())
            return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = m_s[m_i++];
            v <<= 4;
            if (h >= '0' && h <= '9')
                v |= static_cast<std::uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f')
                v |= static_cast<std::uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                v |= static_cast<std::uint32_t>(h - 'A' + 10);
            else
                return false;
        }
        return true;
    }
    static void utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    bool digits() {
        const std::size_t start = m_i;
        while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9')
            ++m_i;
        return m_i > start;
    }
    bool number() {
        if (m_i < m_s.size() && m_s[m_i] == '-')
            ++m_i;
        if (m_i < m_s.size() && m_s[m_i] == '0')
            ++m_i;
        else if (!digits())
            return false;
        if (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            if (!digits())
                return false;
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-'))
                ++m_i;
            if (!digits())
                return false;
        }
        return true;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    std::string m_scratch;
};

// [SECTION] Helpers for fast paths built on Scanner

// Reads an object's members: `member(key)` reads the value (false = give up). Repeated keys give up
// (the DOM keeps the last one; not worth copying). Null values are passed on like any other.
template <class F>
bool fast_object(Scanner& sc, std::string& key, F&& member) {
    if (!sc.eat('{'))
        return false;
    if (sc.eat('}'))
        return true;
    do {
        if (!sc.string(key) || !sc.eat(':') || !member(key))
            return false;
    } while (sc.eat(','));
    return sc.eat('}');
}

template <class F>
bool fast_array(Scanner& sc, F&& element) {
    if (!sc.eat('['))
        return false;
    if (sc.eat(']'))
        return true;
    do {
        if (!element())
            return false;
    } while (sc.eat(','));
    return sc.eat(']');
}

// An array whose elements `read(element)` decodes, appended to `out`.
template <class T, class Read>
bool fast_list(Scanner& sc, std::vector<T>& out, Read read) {
    return fast_array(sc, [&] {
        T x;
        if (!read(x))
            return false;
        out.push_back(std::move(x));
        return true;
    });
}

// Keys seen in one object, for "repeated key" and "required key" checks (key numbers 0..31; a
// negative number is an unknown key, which add() refuses).
struct Seen {
    std::uint32_t bits = 0;
    bool add(int k) {
        if (k < 0 || (bits >> k) & 1u)
            return false;
        bits |= 1u << k;
        return true;
    }
    bool has(int k) const { return (bits >> k) & 1u; }
};

// Reads an object whose known members `index(key)` numbers (-1 = unknown: skipped when
// `skip_unknown`, else the object is refused). A repeated known key gives up; null counts as absent
// (as in ObjectReader::find); `read(i)` reads every other value, and `present` records which keys
// had one. Required keys are the caller's check, on `present`.
template <class Index, class Read>
bool fast_members(Scanner& sc, std::string& key, bool skip_unknown, Seen& present, Index&& index, Read&& read) {
    Seen seen;
    return fast_object(sc, key, [&](std::string_view k) {
        const int i = index(k);
        if (i < 0 && skip_unknown)
            return sc.skip();
        if (!seen.add(i))
            return false;
        if (sc.null())
            return true;
        present.add(i);
        return read(i);
    });
}

} // namespace recert::core::detail
