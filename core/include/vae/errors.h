#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace vae {

/// Base of every exception vae_core throws on bad input. `what()` is a complete, user-facing
/// sentence: it names the file or setting, what was expected and what was found.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A dataset file is missing, unreadable, or not a valid IDX file.
class DataError final : public Error {
public:
    using Error::Error;
};

/// A TrainingConfig value is out of range, or a config JSON document is malformed.
class ConfigError final : public Error {
public:
    /// `field`: the TrainingConfig field at fault as its JSON key ("batch_size", "hidden_sizes"…,
    /// see TrainingConfig::toJson()), or empty when the error is not about one field. The CLI
    /// maps it to its flag (--batch-size), so its messages name what the user typed.
    explicit ConfigError(const std::string& message, std::string field = {})
        : Error(message), m_field(std::move(field))
    {
    }
    [[nodiscard]] const std::string& field() const noexcept { return m_field; }

private:
    std::string m_field;
};

/// A checkpoint cannot be written, or a file is not a valid VAE Explorer checkpoint.
class CheckpointError final : public Error {
public:
    using Error::Error;
};

/// Training failed (for example the loss became NaN or Inf).
class TrainingError final : public Error {
public:
    using Error::Error;
};

} // namespace vae
