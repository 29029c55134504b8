#include "vae/training_state.h"

#include "json_limits.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace vae {
namespace {

// ATen's CPU generator state is 5,056 bytes; the bound only keeps a hostile file small.
constexpr std::size_t kMaxGeneratorBytes = 64 * 1024;

std::string toHex(const std::vector<std::uint8_t>& bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        text += digits[b >> 4];
        text += digits[b & 15];
    }
    return text;
}

[[noreturn]] void fail(const std::string& problem)
{
    throw CheckpointError("invalid training state: " + problem);
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

std::vector<std::uint8_t> fromHex(const std::string& key, const std::string& text)
{
    if (text.size() % 2 != 0 || text.size() / 2 > kMaxGeneratorBytes)
        fail("\"" + key + "\" is not an even-length hex string of at most " +
             std::to_string(kMaxGeneratorBytes) + " bytes");
    std::vector<std::uint8_t> bytes(text.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const int high = hexDigit(text[2 * i]), low = hexDigit(text[2 * i + 1]);
        if (high < 0 || low < 0)
            fail("\"" + key + "\" holds a character that is not a lower-case hex digit");
        bytes[i] = std::uint8_t(high * 16 + low);
    }
    return bytes;
}

} // namespace

std::string TrainingState::toJson() const
{
    const nlohmann::json j = {
        {"step", step},
        {"epoch", epoch},
        {"step_in_epoch", stepInEpoch},
        {"trained_seconds", trainedSeconds},
        {"adam_steps", adamSteps},
        {"shuffle_generator", toHex(shuffleGenerator)},
        {"noise_generator", toHex(noiseGenerator)},
        {"gaussian_mse_average", gaussianMseAverage},
        {"gaussian_mse_weight", gaussianMseWeight},
        {"beta", beta},
        {"learning_rate", learningRate},
        {"kl_schedule", klSchedule},
        {"kl_warmup_epochs", klWarmupEpochs},
        {"epoch_reconstruction_sum", epochReconstructionSum},
        {"epoch_kl_sum", epochKlSum},
        {"epoch_samples", epochSamples},
        {"epoch_seconds", epochSeconds},
    };
    return j.dump();
}

TrainingState TrainingState::fromJson(std::string_view text)
{
    nlohmann::json j;
    try {
        j = detail::parseBounded(text, {.maxDepth = 1, .maxValues = 64});
    } catch (const nlohmann::json::exception& e) {
        fail(std::string("not valid JSON (") + e.what() + ")");
    } catch (const detail::JsonLimitError& e) {
        fail(std::string("not a flat JSON object of a few values (") + e.what() + ")");
    }
    if (!j.is_object())
        fail("not a JSON object");
    auto value = [&j](const char* key) -> const nlohmann::json& {
        const auto it = j.find(key);
        if (it == j.end())
            fail(std::string("\"") + key + "\" is missing");
        return *it;
    };
    auto integer = [&](const char* key, auto& out) {
        if (!detail::integerValue(value(key), out) || out < 0)
            fail(std::string("\"") + key + "\" is " + detail::describeJson(value(key)) +
                 ", expected an integer ≥ 0");
    };
    auto number = [&](const char* key, double& out, bool nonNegative = true) {
        const nlohmann::json& v = value(key);
        if (!v.is_number() || !std::isfinite(v.get<double>()) ||
            (nonNegative && v.get<double>() < 0))
            fail(std::string("\"") + key + "\" is " + detail::describeJson(v) +
                 (nonNegative ? ", expected a finite number ≥ 0" : ", expected a finite number"));
        out = v.get<double>();
    };
    auto string = [&](const char* key) -> const std::string& {
        const nlohmann::json& v = value(key);
        if (!v.is_string())
            fail(std::string("\"") + key + "\" is " + detail::describeJson(v) +
                 ", expected a string");
        return v.get_ref<const std::string&>();
    };
    TrainingState s;
    integer("step", s.step);
    integer("epoch", s.epoch);
    if (s.epoch < 1)
        fail("\"epoch\" is 0, expected an epoch number from 1");
    integer("step_in_epoch", s.stepInEpoch);
    number("trained_seconds", s.trainedSeconds);
    integer("adam_steps", s.adamSteps);
    s.shuffleGenerator = fromHex("shuffle_generator", string("shuffle_generator"));
    s.noiseGenerator = fromHex("noise_generator", string("noise_generator"));
    number("gaussian_mse_average", s.gaussianMseAverage);
    number("gaussian_mse_weight", s.gaussianMseWeight);
    number("beta", s.beta);
    number("learning_rate", s.learningRate);
    s.klSchedule = string("kl_schedule");
    number("kl_warmup_epochs", s.klWarmupEpochs);
    number("epoch_reconstruction_sum", s.epochReconstructionSum, false);
    number("epoch_kl_sum", s.epochKlSum, false);
    integer("epoch_samples", s.epochSamples);
    number("epoch_seconds", s.epochSeconds);
    return s;
}

} // namespace vae
