// Result<T>: a value or a located error. Every decoder in the core returns one instead of throwing,
// so callers (UI, CLI, fuzzers) never see an exception or a half-built object.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace recert::core {

// Where and why an input was rejected. `path` is an RFC 6901 JSON pointer ("/programs/2/cycle/years"),
// empty when the error concerns the whole document.
struct Error {
    std::string file;
    std::string path;
    std::string message;

    // "acsm.json: /programs/2/cycle/years: expected a positive integer" (parts left out when empty).
    std::string to_string() const {
        std::string out;
        if (!file.empty())
            out += file + ": ";
        if (!path.empty())
            out += path + ": ";
        out += message;
        return out;
    }
};

template <class T>
class Result {
  public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    // Precondition: ok().
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    // Meaningful only when !ok().
    const Error& error() const { return m_error; }

  private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace recert::core
