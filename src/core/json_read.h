// Internal helpers for strict, located JSON decoding: an object reader that rejects unknown keys and
// reports every problem as a JSON pointer plus a reason. Decoders throw DecodeError internally and turn
// it into Result<T> at their public boundary.
#pragma once

#include "core/credits.h"
#include "core/date.h"
#include "core/limits.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core::detail {

using json = nlohmann::json;

struct DecodeError {
    std::string path;
    std::string message;
};

[[noreturn]] inline void fail(const std::string& path, std::string message) {
    throw DecodeError{path, std::move(message)};
}

// RFC 6901 escaping of one reference token.
inline std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

inline std::string child(const std::string& path, std::string_view key) {
    return path + "/" + pointer_token(key);
}
inline std::string child(const std::string& path, std::size_t index) {
    return path + "/" + std::to_string(index);
}

inline const char* type_name(const json& j) {
    switch (j.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "an integer";
    case json::value_t::number_float:
        return "a number";
    default:
        return "an unsupported value";
    }
}

// Reads one JSON object; every key must be read (or explicitly allowed) before finish().
class ObjectReader {
  public:
    ObjectReader(const json& j, std::string path) : m_j(j), m_path(std::move(path)) {
        if (!m_j.is_object())
            fail(m_path.empty() ? "" : m_path, std::string("expected an object, got ") + type_name(m_j));
    }
    const std::string& path() const { return m_path; }
    std::string at(std::string_view key) const { return child(m_path, key); }

    const json* find(std::string_view key) {
        m_seen.emplace_back(key);
        auto it = m_j.find(std::string(key));
        if (it == m_j.end() || it->is_null())
            return nullptr;
        return &*it;
    }
    const json& need(std::string_view key) {
        const json* v = find(key);
        if (!v)
            fail(at(key), "missing required field");
        return *v;
    }

    std::string str(std::string_view key) { return as_string(need(key), at(key)); }
    std::string opt_str(std::string_view key) {
        const json* v = find(key);
        return v ? as_string(*v, at(key)) : std::string();
    }
    bool opt_bool(std::string_view key, bool dflt) {
        const json* v = find(key);
        if (!v)
            return dflt;
        if (!v->is_boolean())
            fail(at(key), std::string("expected true or false, got ") + type_name(*v));
        return v->get<bool>();
    }
    long long integer(std::string_view key, long long lo, long long hi, const char* what) {
        return as_int(need(key), at(key), lo, hi, what);
    }
    std::optional<long long> opt_integer(std::string_view key, long long lo, long long hi, const char* what) {
        const json* v = find(key);
        if (!v)
            return std::nullopt;
        return as_int(*v, at(key), lo, hi, what);
    }
    Date date(std::string_view key) { return as_date(need(key), at(key)); }
    std::optional<Date> opt_date(std::string_view key) {
        const json* v = find(key);
        if (!v)
            return std::nullopt;
        return as_date(*v, at(key));
    }
    Credits credits(std::string_view key) { return as_credits(need(key), at(key)); }
    std::optional<Credits> opt_credits(std::string_view key) {
        const json* v = find(key);
        if (!v)
            return std::nullopt;
        return as_credits(*v, at(key));
    }
    Money money(std::string_view key) { return as_money(need(key), at(key)); }
    std::optional<Money> opt_money(std::string_view key) {
        const json* v = find(key);
        if (!v)
            return std::nullopt;
        return as_money(*v, at(key));
    }
    // An array field (missing or null = empty).
    const json* opt_array(std::string_view key) {
        const json* v = find(key);
        if (v && !v->is_array())
            fail(at(key), std::string("expected an array, got ") + type_name(*v));
        return v;
    }
    std::vector<std::string> opt_string_list(std::string_view key) {
        std::vector<std::string> out;
        if (const json* a = opt_array(key))
            for (std::size_t i = 0; i < a->size(); ++i)
                out.push_back(as_string((*a)[i], child(at(key), i)));
        return out;
    }

    // Rejects keys that were never asked for: typos must not be silently ignored.
    void finish() const {
        for (auto it = m_j.begin(); it != m_j.end(); ++it) {
            bool known = false;
            for (const auto& k : m_seen)
                if (k == it.key()) {
                    known = true;
                    break;
                }
            if (!known)
                fail(at(it.key()), "unknown field");
        }
    }

    static std::string as_string(const json& v, const std::string& path) {
        if (!v.is_string())
            fail(path, std::string("expected a string, got ") + type_name(v));
        return v.get<std::string>();
    }
    static long long as_int(const json& v, const std::string& path, long long lo, long long hi,
                            const char* what) {
        bool ok = false;
        long long n = 0;
        if (v.is_number_integer()) {
            n = v.get<long long>();
            ok = true;
        } else if (v.is_number_unsigned()) {
            auto u = v.get<unsigned long long>();
            ok = u <= (unsigned long long)hi;
            n = ok ? (long long)u : 0;
        }
        if (!ok || n < lo || n > hi)
            fail(path, std::string("expected ") + what);
        return n;
    }
    static Date as_date(const json& v, const std::string& path) {
        if (v.is_string())
            if (auto d = Date::parse(v.get<std::string>()))
                return *d;
        fail(path, "expected a date like \"2025-03-11\" (YYYY-MM-DD, a real calendar day)");
    }
    static Credits as_credits(const json& v, const std::string& path) {
        if (v.is_string())
            if (auto c = Credits::parse(v.get<std::string>()))
                return *c;
        fail(path, "expected a decimal string like \"1.5\" (at most two decimals)");
    }
    static Money as_money(const json& v, const std::string& path) {
        if (v.is_string())
            if (auto m = Money::parse(v.get<std::string>()))
                return *m;
        fail(path, "expected an amount string like \"60.00\"");
    }

  private:
    const json& m_j;
    std::string m_path;
    std::vector<std::string> m_seen;
};

// Where `text` nests arrays and objects deeper than `max_depth`, found by one linear pass over the
// bytes (strings skipped) before any parser or recursive walk sees it: the JSON pointer of the deepest
// container still allowed, and the byte offset of the one too many. nullopt = within the limit (or not
// JSON at all: the parser reports that).
struct DepthProblem {
    std::string path;
    std::size_t byte = 0;
};
// Whether `text` nests arrays and objects (outside strings) deeper than `max_depth`: one pass
// without allocating, strings skipped with memchr (depth_problem's fast path).
inline bool nests_deeper_than(std::string_view text, int max_depth) {
    const char* p = text.data();
    const char* const end = p + text.size();
    int depth = 0;
    while (p < end) {
        const char c = *p++;
        if (c == '"') {
            for (;;) { // to the closing quote: one not preceded by an odd run of backslashes
                const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                if (!q)
                    return false; // an unterminated string: nothing nests after it
                const char* b = q;
                while (b > p && b[-1] == '\\')
                    --b;
                p = q + 1;
                if ((q - b) % 2 == 0)
                    break;
            }
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth)
                return true;
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return false;
}

inline std::optional<DepthProblem> depth_problem(std::string_view text,
                                                 int max_depth = limits::max_json_depth) {
    if (!nests_deeper_than(text, max_depth))
        return std::nullopt; // the common case; the pass below names where it is too deep
    struct Level {
        bool object = false;
        bool want_key = false;
        std::size_t index = 0;
        std::string_view key;
    };
    std::vector<Level> stack;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = ++i;
            while (i < text.size() && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            if (!stack.empty() && stack.back().object && stack.back().want_key) {
                stack.back().key = text.substr(start, std::min(i, text.size()) - start);
                stack.back().want_key = false;
            }
        } else if (c == '{' || c == '[') {
            if (static_cast<int>(stack.size()) >= max_depth) {
                DepthProblem p;
                for (const Level& l : stack)
                    p.path = l.object ? child(p.path, l.key) : child(p.path, l.index);
                p.byte = i;
                return p;
            }
            stack.push_back({c == '{', c == '{', 0, {}});
        } else if (c == '}' || c == ']') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',' && !stack.empty()) {
            ++stack.back().index;
            stack.back().want_key = stack.back().object;
        }
    }
    return std::nullopt;
}

// " (1e400 at byte 12)": the first number in `text` (outside strings) too large for a double, or "".
inline std::string number_too_large_at(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"';)
                i += text[i] == '\\' ? 2 : 1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i + 1;
            while (end < text.size() &&
                   std::string_view("0123456789.eE+-").find(text[end]) != std::string_view::npos)
                ++end;
            const std::string token(text.substr(i, end - i));
            if (std::isinf(std::strtod(token.c_str(), nullptr)))
                return " (" + token.substr(0, 40) + " at byte " + std::to_string(i) + ")";
            i = end - 1;
        }
    }
    return {};
}

// Parses text into JSON, reporting syntax errors with a byte offset instead of throwing, and refusing
// nesting deeper than limits::max_json_depth before parsing (nothing recursive ever sees it).
inline json parse_text(std::string_view text) {
    if (const std::optional<DepthProblem> deep = depth_problem(text))
        fail(deep->path, "nested deeper than " + std::to_string(limits::max_json_depth) +
                             " levels (at byte " + std::to_string(deep->byte) +
                             "); no Recert file nests so deep");
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        fail("", std::string("invalid JSON at byte ") + std::to_string(e.byte) + ": " +
                     (std::string_view(e.what()).find("unexpected end") != std::string_view::npos
                          ? "unexpected end of input"
                          : "syntax error"));
    } catch (const json::out_of_range&) {
        // A number beyond what a double holds (1e400): nlohmann names it but not where it is.
        fail("", "invalid JSON: a number is too large to read" + number_too_large_at(text));
    }
}

} // namespace recert::core::detail
