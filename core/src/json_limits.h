#pragma once
// Bounded JSON parsing for text read from files (checkpoint headers, the config and history they
// carry). nlohmann's parser itself is iterative, but a document nested a million levels deep is
// still dangerous afterwards (dump() and copies recurse), and a few bytes of text such as "[]," can
// become ~60 bytes of parsed values. These limits keep both bounded by constants chosen per use.

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace vae::detail {

/// Thrown when a document breaks a JsonLimits bound; what() says which.
class JsonLimitError final : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct JsonLimits {
    int maxDepth;          ///< nesting: 0 = only a scalar, 1 = a flat array or object, …
    std::size_t maxValues; ///< values, keys and containers together
};

/// nlohmann::json::parse with `limits` enforced while parsing (before the document is built).
/// Throws nlohmann::json::exception for invalid JSON and JsonLimitError for a bound exceeded.
inline nlohmann::json parseBounded(std::string_view text, JsonLimits limits)
{
    std::size_t values = 0;
    const nlohmann::json::parser_callback_t check = [&](int depth,
                                                        nlohmann::json::parse_event_t event,
                                                        nlohmann::json&) {
        const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                           event == nlohmann::json::parse_event_t::array_start;
        // A container's start event reports the depth of its parent.
        if (depth + (opens ? 1 : 0) > limits.maxDepth)
            throw JsonLimitError("nested deeper than " + std::to_string(limits.maxDepth) +
                                 " levels");
        if (event != nlohmann::json::parse_event_t::object_end &&
            event != nlohmann::json::parse_event_t::array_end && ++values > limits.maxValues)
            throw JsonLimitError("more than " + std::to_string(limits.maxValues) + " JSON values");
        return true;
    };
    return nlohmann::json::parse(text, check);
}

/// Stores the integer in `j` into `out` and returns true; returns false (leaving `out` alone) when
/// `j` is not a number with an integer value (2.5, a string, …) or does not fit T. A float with an
/// integer value (10.0) is accepted. nlohmann's own get<T>() converts a float with static_cast,
/// which is undefined behaviour when the value is out of T's range (1e300).
template <typename T> [[nodiscard]] bool integerValue(const nlohmann::json& j, T& out)
{
    static_assert(std::is_integral_v<T>);
    if (j.is_number_float()) {
        const double v = j.get<double>();
        // Both bounds are exact powers of two (or 0), so the comparisons are exact.
        const double low =
            std::is_signed_v<T> ? -std::ldexp(1.0, std::numeric_limits<T>::digits) : 0.0;
        const double high = std::ldexp(1.0, std::numeric_limits<T>::digits);
        if (!(v >= low && v < high) || std::trunc(v) != v)
            return false;
        out = T(v);
        return true;
    }
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v > std::uint64_t(std::numeric_limits<T>::max()))
            return false;
        out = T(v);
        return true;
    }
    if (j.is_number_integer()) {
        const auto v = j.get<std::int64_t>();
        if constexpr (std::is_unsigned_v<T>) {
            if (v < 0 || std::uint64_t(v) > std::uint64_t(std::numeric_limits<T>::max()))
                return false;
        } else {
            if (v < std::int64_t(std::numeric_limits<T>::min()) ||
                v > std::int64_t(std::numeric_limits<T>::max()))
                return false;
        }
        out = T(v);
        return true;
    }
    return false;
}

/// A short, single-line description of a JSON value for an error message: its dump() when small,
/// otherwise its type ("an array of 10000 values"). Never recurses deeper than the value's top.
inline std::string describeJson(const nlohmann::json& j)
{
    if (j.is_primitive()) {
        std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (text.size() > 64)
            text = text.substr(0, 61) + "...";
        return text;
    }
    return std::string(j.is_array() ? "an array" : "an object") + " of " +
           std::to_string(j.size()) + " values";
}

} // namespace vae::detail
