// The "recert-log" JSON format (versions 1 to 3): a person's credentials and activities, as written by the
// app's backup export and read by the CLI. Strict, located decoding; encode→decode is the identity.
// Documented in src/core/LOG_FORMAT.md.
#pragma once

#include "core/model.h"
#include "core/result.h"

#include <optional>
#include <memory>
#include <string>
#include <string_view>

namespace recert::core {

// Version 2 (issue #7) adds Activity::provider_link and finalized statements; version 3 adds
// Person::email. The encoder writes the lowest version that holds the log (1 when it uses neither:
// byte-identical to older builds); the decoder reads all three.
inline constexpr int log_format_version = 3;

// Decodes a log. Errors carry a JSON pointer ("/activities/12/amount: expected a decimal string like
// \"1.5\""). Never throws and never aborts, whatever the input; no partial Log is ever returned.
Result<Log> decode_log(std::string_view text, std::string_view file = {});

// decode_log() a slice at a time, for a page that must keep answering while a large log is read
// (a restore): step() reads up to `max_activities` more activities and returns true once the log is
// read; take() then gives the same Log or the same located error decode_log() gives. The first step
// checks the nesting depth and reads the root object (the activities array only skipped); a log the
// fast path does not take is decoded by the DOM decoder in one step.
class LogReader {
  public:
    explicit LogReader(std::string_view text, std::string file = {}); // `text` must outlive the reader
    ~LogReader();
    LogReader(LogReader&&) noexcept;
    LogReader& operator=(LogReader&&) noexcept;
    bool step(std::size_t max_activities);
    float progress() const; // 0…1
    Result<Log> take();

  private:
    struct State;
    std::string_view m_text;
    std::string m_file;
    std::unique_ptr<State> m;
};

// Encodes a log as pretty JSON (2-space indent). Credits and money are decimal strings ("1.50").
std::string encode_log(const Log& log);

// One record as compact JSON: the same object encode_log writes for it, without indentation (what
// the browser store keeps per row). Activities go through a direct writer, as every save and every
// synced page encodes them; it matches the general encoder byte for byte (tests/core).
std::string encode_record(const Activity& a);
std::string encode_record(const Credential& c);

namespace detail {
// decode_log's two paths, for tests and the fuzzer: the fast path alone (nullopt = it gave up and
// decode_log would use the DOM decoder), and the DOM decoder alone. Where the fast path gives a
// log, the DOM decoder gives the same one.
std::optional<Log> decode_log_fast(std::string_view text);
Result<Log> decode_log_dom(std::string_view text, std::string_view file = {});
} // namespace detail

} // namespace recert::core
