#pragma once

#include <stdexcept>
#include <string>

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
    using Error::Error;
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
