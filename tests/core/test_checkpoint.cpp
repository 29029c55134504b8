#include "json_limits.h"
#include "test_support.h"
#include "vae/checkpoint.h"
#include "vae/errors.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/mount.h>
#include <sys/resource.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>

namespace {

std::filesystem::path tempPath(const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() / "vae-explorer-tests";
    std::filesystem::create_directories(dir);
    return dir / (std::to_string(::getpid()) + "-" + name);
}

std::shared_ptr<const vae::InferenceModel> trainedModel(vae::TrainingHistory* history = nullptr)
{
    vae::TrainingConfig config;
    config.epochs = 1;
    config.threads = 2;
    vae::Trainer trainer(config, vae::test::mnistSubset(1000));
    vae::test::trainToTheEnd(trainer);
    if (history)
        *history = trainer.history();
    return trainer.inference();
}

std::string readFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeFile(const std::filesystem::path& file, const std::string& bytes)
{
    std::ofstream(file, std::ios::binary) << bytes;
}

/// Rewrites a checkpoint's JSON header with `edit` applied, keeping the data section.
void editHeader(const std::filesystem::path& from, const std::filesystem::path& to,
                const std::function<void(nlohmann::json&)>& edit)
{
    const std::string bytes = readFile(from);
    std::uint64_t n = 0;
    std::memcpy(&n, bytes.data(), 8);
    nlohmann::json header = nlohmann::json::parse(bytes.substr(8, n));
    edit(header);
    const std::string text = header.dump();
    const std::uint64_t m = text.size();
    std::string out(8, '\0');
    std::memcpy(out.data(), &m, 8);
    writeFile(to, out + text + bytes.substr(8 + n));
}

std::string loadError(const std::filesystem::path& file)
{
    try {
        (void)vae::loadCheckpoint(file);
    } catch (const vae::CheckpointError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a CheckpointError for " << file;
    return {};
}

} // namespace

TEST(Checkpoint, RoundTripDecodesIdentically)
{
    vae::TrainingHistory history;
    const auto model = trainedModel(&history);
    const auto file = tempPath("roundtrip.safetensors");
    vae::saveCheckpoint(file, *model, history);
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);

    EXPECT_EQ(loaded.config, model->config());
    ASSERT_EQ(loaded.history.steps.size(), history.steps.size());
    ASSERT_EQ(loaded.history.epochs.size(), 1u);
    EXPECT_DOUBLE_EQ(loaded.history.epochs[0].test.elbo, history.epochs[0].test.elbo);
    EXPECT_DOUBLE_EQ(loaded.history.steps.back().loss.kl, history.steps.back().loss.kl);

    const std::vector<float> z = {0.3f, -1.2f, 2.0f, 0.1f, -0.5f, -0.5f};
    EXPECT_EQ(loaded.model->decodeBatch(z, 3), model->decodeBatch(z, 3)); // bit-identical
    const auto& test = vae::test::mnist()->test;
    const std::span<const float> firstImages(test.pixels.data(), 5 * 784);
    EXPECT_EQ(loaded.model->encode(firstImages, 5).mu, model->encode(firstImages, 5).mu);
    std::filesystem::remove(file);
}

TEST(Checkpoint, SaveReplacesAtomicallyAndLeavesNoTemporaryFile)
{
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    const auto file = tempPath("atomic.safetensors");
    writeFile(file, "old content");
    vae::saveCheckpoint(file, *model, {});
    EXPECT_NO_THROW((void)vae::loadCheckpoint(file));
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path()))
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
            << entry.path();
    std::filesystem::remove(file);
}

TEST(Checkpoint, SaveToAnUnwritableDirectoryNamesIt)
{
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    try {
        vae::saveCheckpoint("/nonexistent-dir/model.safetensors", *model, {});
        FAIL() << "expected a CheckpointError";
    } catch (const vae::CheckpointError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir"), std::string::npos) << e.what();
    }
}

TEST(Checkpoint, WrongShapeIsRefused)
{
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    const auto good = tempPath("good.safetensors");
    const auto bad = tempPath("wrong-shape.safetensors");
    vae::saveCheckpoint(good, *model, {});
    // Claim a second hidden layer of 255 units while the tensors hold 256.
    editHeader(good, bad, [](nlohmann::json& h) {
        auto config = nlohmann::json::parse(h["__metadata__"]["config"].get<std::string>());
        config["hidden_sizes"] = {512, 255};
        h["__metadata__"]["config"] = config.dump();
    });
    const std::string message = loadError(bad);
    EXPECT_NE(message.find("wrong-shape.safetensors"), std::string::npos) << message;
    EXPECT_NE(message.find("\"decoder.0.bias\" has shape [256], but the config needs [255]"),
              std::string::npos)
        << message;
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}

TEST(Checkpoint, CorruptFilesGiveSpecificErrors)
{
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    const auto good = tempPath("good2.safetensors");
    vae::saveCheckpoint(good, *model, {});
    const std::string bytes = readFile(good);
    const auto bad = tempPath("corrupt.safetensors");

    writeFile(bad, bytes.substr(0, 5));
    EXPECT_NE(loadError(bad).find("too short"), std::string::npos);

    writeFile(bad, bytes.substr(0, bytes.size() / 2)); // truncated data section
    EXPECT_NE(loadError(bad).find("bytes of weights, but the file holds"), std::string::npos)
        << loadError(bad);

    std::string hugeHeader = bytes;
    const std::uint64_t huge = 1ull << 40;
    std::memcpy(hugeHeader.data(), &huge, 8);
    writeFile(bad, hugeHeader);
    EXPECT_NE(loadError(bad).find("header length"), std::string::npos);

    std::string brokenJson = bytes;
    brokenJson[8] = '[';
    brokenJson[9] = '{';
    writeFile(bad, brokenJson);
    EXPECT_NE(loadError(bad).find("not valid JSON"), std::string::npos) << loadError(bad);

    editHeader(good, bad, [](nlohmann::json& h) { h["__metadata__"]["format"] = "other"; });
    EXPECT_NE(loadError(bad).find("not a VAE Explorer checkpoint"), std::string::npos);

    editHeader(good, bad, [](nlohmann::json& h) { h["decoder.0.bias"]["dtype"] = "F16"; });
    EXPECT_NE(loadError(bad).find("dtype \"F16\""), std::string::npos) << loadError(bad);

    editHeader(good, bad, [](nlohmann::json& h) { h.erase("decoder.0.bias"); });
    EXPECT_NE(loadError(bad).find("\"decoder.0.bias\" is missing"), std::string::npos)
        << loadError(bad);

    editHeader(good, bad, [](nlohmann::json& h) {
        h["decoder.0.bias"]["data_offsets"] = h["decoder.0.weight"]["data_offsets"];
    });
    EXPECT_NE(loadError(bad).find("decoder.0.bias"), std::string::npos) << loadError(bad);

    EXPECT_NE(loadError(tempPath("does-not-exist")).find("no such checkpoint file"),
              std::string::npos);
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}

// ---- Hostile files, built byte by byte --------------------------------------------------------

namespace {

/// A valid checkpoint of a tiny model (latent 2, hidden [8]: 12,638 weights, ~51 kB), split into
/// its parsed JSON header and its data section, from which hostile variants are assembled.
struct TinyCheckpoint {
    nlohmann::json header;
    std::string data;

    TinyCheckpoint()
    {
        vae::TrainingConfig config;
        config.latentDim = 2;
        config.hiddenSizes = {8};
        const auto file = tempPath("tiny.safetensors");
        vae::saveCheckpoint(file, *vae::makeUntrainedModel(config), {});
        const std::string bytes = readFile(file);
        std::filesystem::remove(file);
        std::uint64_t n = 0;
        std::memcpy(&n, bytes.data(), 8);
        header = nlohmann::json::parse(bytes.substr(8, n));
        data = bytes.substr(8 + n);
    }

    /// u64 little-endian header length, the header text, the data.
    static std::string assemble(const std::string& headerText, const std::string& data)
    {
        std::string out(8, '\0');
        const std::uint64_t n = headerText.size();
        for (int i = 0; i < 8; ++i)
            out[std::size_t(i)] = char((n >> (8 * i)) & 0xff);
        return out + headerText + data;
    }
    [[nodiscard]] std::string bytes() const { return assemble(header.dump(), data); }
    [[nodiscard]] std::uint64_t begin(const std::string& tensor) const
    {
        return header[tensor]["data_offsets"][0].get<std::uint64_t>();
    }
};

/// The CheckpointError message for a file holding `bytes` (and a failure when it loads).
std::string errorFor(const std::string& bytes, const std::string& name = "hostile.safetensors")
{
    const auto file = tempPath(name);
    writeFile(file, bytes);
    std::string message = loadError(file);
    std::filesystem::remove(file);
    return message;
}

#define EXPECT_MENTIONS(message, part)                                                             \
    EXPECT_NE((message).find(part), std::string::npos) << "message: " << (message)

} // namespace

TEST(HostileCheckpoint, TheTinyValidFileLoads)
{
    const TinyCheckpoint tiny;
    const auto file = tempPath("tiny-valid.safetensors");
    writeFile(file, tiny.bytes());
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    EXPECT_EQ(loaded.config.latentDim, 2);
    EXPECT_EQ(loaded.config.hiddenSizes, std::vector<int>{8});
    EXPECT_EQ(loaded.model->decodeBatch(std::vector<float>{0.5f, -0.5f}, 1).size(), 784u);
    std::filesystem::remove(file);
}

TEST(HostileCheckpoint, HeaderLengthIsCheckedAgainstTheFileSizeBeforeAllocating)
{
    const TinyCheckpoint tiny;
    const std::string valid = tiny.bytes();
    for (const std::uint64_t length :
         {std::uint64_t(valid.size() - 7), std::uint64_t(1) << 63, ~std::uint64_t(0)}) {
        std::string bytes = valid;
        std::memcpy(bytes.data(), &length, 8);
        const std::string message = errorFor(bytes, "header-length.safetensors");
        EXPECT_MENTIONS(message, "header-length.safetensors");
        EXPECT_MENTIONS(message, "header length (" + std::to_string(length) +
                                     " bytes) exceeds the file size (" +
                                     std::to_string(valid.size()) + " bytes)");
    }
    EXPECT_MENTIONS(errorFor(valid.substr(0, 5)), "too short to be a safetensors file (5 bytes)");
}

TEST(HostileCheckpoint, HeaderLongerThanTheLimitIsRefusedWithoutReadingIt)
{
    // A sparse 300 MiB file: its header length fits the file but exceeds the 256 MiB bound.
    const auto file = tempPath("huge-header.safetensors");
    writeFile(file, TinyCheckpoint::assemble(std::string(16, ' '), ""));
    const std::uint64_t length = 260ull << 20;
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.write(reinterpret_cast<const char*>(&length), 8);
    }
    std::filesystem::resize_file(file, 300ull << 20);
    const std::string message = loadError(file);
    EXPECT_MENTIONS(message,
                    "header is " + std::to_string(length) + " bytes, more than the 256 MiB");
    std::filesystem::remove(file);
}

TEST(HostileCheckpoint, InvalidOrOverNestedJson)
{
    const TinyCheckpoint tiny;
    EXPECT_MENTIONS(errorFor(TinyCheckpoint::assemble("{\"a\": [1, 2", tiny.data)),
                    "the safetensors header is not valid JSON");
    EXPECT_MENTIONS(errorFor(TinyCheckpoint::assemble("[1, 2]   ", tiny.data)),
                    "the safetensors header is not a JSON object");
    // 100,000 nested arrays: refused while parsing (dump() or a copy of it would recurse).
    const std::string deep = "{\"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_MENTIONS(errorFor(TinyCheckpoint::assemble(deep, tiny.data)),
                    "nested deeper than 3 levels");
    // 10,000 values in a header that needs ~150.
    std::string wide = "{\"x\": [0";
    for (int i = 0; i < 10000; ++i)
        wide += ",0";
    EXPECT_MENTIONS(errorFor(TinyCheckpoint::assemble(wide + "]}", tiny.data)),
                    "more than 4096 JSON values");
}

TEST(HostileCheckpoint, WrongDtype)
{
    for (const nlohmann::json& dtype : {nlohmann::json("F16"), nlohmann::json("I64"),
                                        nlohmann::json(32), nlohmann::json::array({"F32"})}) {
        TinyCheckpoint tiny;
        tiny.header["encoder.0.bias"]["dtype"] = dtype;
        EXPECT_MENTIONS(errorFor(tiny.bytes()), "tensor \"encoder.0.bias\" has dtype " +
                                                    vae::detail::describeJson(dtype) +
                                                    ", expected \"F32\"");
    }
}

TEST(HostileCheckpoint, BadShapes)
{
    auto withShape = [](const nlohmann::json& shape) {
        TinyCheckpoint tiny;
        tiny.header["encoder.0.bias"]["shape"] = shape;
        return errorFor(tiny.bytes());
    };
    EXPECT_MENTIONS(withShape({-8}), "tensor \"encoder.0.bias\" has a negative dimension (-8)");
    // 2^62 · 4 = 2^64: the element count overflows int64 (and would wrap to 0 in uint64).
    EXPECT_MENTIONS(withShape({std::int64_t(1) << 62, 4}),
                    "has shape [4611686018427387904, 4] whose element count overflows 64 bits");
    EXPECT_MENTIONS(withShape({1, 1, 1, 1, 1, 1, 1, 1, 8}), "has 9 dimensions, more than 8");
    EXPECT_MENTIONS(withShape({1e300}), "has a dimension 1e+300 that is not an integer");
    EXPECT_MENTIONS(withShape({8.5}), "has a dimension 8.5 that is not an integer");
    EXPECT_MENTIONS(withShape(8), "has shape 8, expected an array of dimensions");
    EXPECT_MENTIONS(withShape({8, 1}), "has shape [8, 1], but the config needs [8]");
}

TEST(HostileCheckpoint, BadDataOffsets)
{
    TinyCheckpoint tiny;
    const std::uint64_t dataSize = tiny.data.size();
    tiny.header["decoder.2.bias"]["data_offsets"] = {dataSize - 3136 + 4, dataSize + 4};
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "tensor \"decoder.2.bias\" has data_offsets [" +
                                                std::to_string(dataSize - 3132) + ", " +
                                                std::to_string(dataSize + 4) +
                                                "] out of range: the data section is " +
                                                std::to_string(dataSize) + " bytes");

    tiny = TinyCheckpoint();
    tiny.header["decoder.2.bias"]["data_offsets"] = {-4, 3132};
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "expected [begin, end] (two byte offsets ≥ 0)");

    tiny = TinyCheckpoint();
    tiny.header["decoder.2.bias"]["data_offsets"] = {100, 50};
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "data_offsets [100, 50] out of range");

    // encoder.0.bias (32 bytes) moved onto the first 32 bytes of encoder.0.weight.
    tiny = TinyCheckpoint();
    const std::uint64_t weight = tiny.begin("encoder.0.weight");
    tiny.header["encoder.0.bias"]["data_offsets"] = {weight, weight + 32};
    const std::string overlap = errorFor(tiny.bytes());
    EXPECT_MENTIONS(overlap, "overlap in the file");
    EXPECT_MENTIONS(overlap, "\"encoder.0.bias\"");
    EXPECT_MENTIONS(overlap, "\"encoder.0.weight\"");

    // Four bytes after the last tensor: the data section must be covered exactly.
    tiny = TinyCheckpoint();
    tiny.data += "junk";
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "4 bytes after the last tensor belong to no tensor");
}

TEST(HostileCheckpoint, MissingOrExtraTensor)
{
    TinyCheckpoint tiny;
    tiny.header.erase("encoder_head.weight");
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "tensor \"encoder_head.weight\" is missing");

    tiny = TinyCheckpoint();
    tiny.header["decoder.4.weight"] = tiny.header["decoder.2.weight"];
    EXPECT_MENTIONS(errorFor(tiny.bytes()), "unexpected tensor \"decoder.4.weight\" for an MLP "
                                            "with latent dim 2 and hidden sizes 8");
    tiny = TinyCheckpoint();
    tiny.header[std::string(5000, 'x')] = tiny.header["decoder.2.weight"];
    const std::string longName = errorFor(tiny.bytes());
    EXPECT_MENTIONS(longName, "unexpected tensor \"" + std::string(61, 'x') + "...\"");
    EXPECT_LT(longName.size(), 400u); // the name is cut, not copied into the message whole
}

TEST(HostileCheckpoint, ConfigMustMatchTheTensors)
{
    auto withConfig = [](const std::function<void(nlohmann::json&)>& edit) {
        TinyCheckpoint tiny;
        auto config =
            nlohmann::json::parse(tiny.header["__metadata__"]["config"].get<std::string>());
        edit(config);
        tiny.header["__metadata__"]["config"] = config.dump();
        return errorFor(tiny.bytes());
    };
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) { c["hidden_sizes"] = {7}; }),
                    "tensor \"decoder.0.bias\" has shape [8], but the config needs [7]");
    EXPECT_MENTIONS(
        withConfig([](nlohmann::json& c) { c["hidden_sizes"] = {9}; }),
        "the config (an MLP with latent dim 2 and hidden sizes 9) needs 59888 bytes of "
        "weights, but the file holds 53584");
    // A model near validate()'s 100 M-weight cap needs 345 MB: refused by the file size, before
    // allocating. Beyond the cap, refused by validate().
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) {
                        c["hidden_sizes"] = {8192, 4096};
                        c["latent_dim"] = 512;
                    }),
                    "needs 345087040 bytes of weights, but the file holds 53584");
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) {
                        c["hidden_sizes"] = std::vector<int>(8, 16384);
                        c["latent_dim"] = 512;
                    }),
                    "the model would have 3809216272 weights, more than the 100000000");
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) { c["latent_dim"] = 0; }),
                    "invalid config in the metadata: latent dim must be between 1 and 512, got 0");
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) { c["latent_dim"] = 1e300; }),
                    "config key \"latent_dim\" has the wrong type or is out of range: 1e+300");
    EXPECT_MENTIONS(withConfig([](nlohmann::json& c) { c["hidden_sizes"] = {4294967304.0}; }),
                    "config key \"hidden_sizes\" has the wrong type or is out of range");
}

TEST(HostileCheckpoint, NaNOrInfiniteWeights)
{
    for (const float bad :
         {std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::infinity()}) {
        TinyCheckpoint tiny;
        const std::uint64_t at = tiny.begin("decoder.0.weight") + 4 * 5; // its 6th element
        std::memcpy(tiny.data.data() + at, &bad, 4);
        EXPECT_MENTIONS(errorFor(tiny.bytes()), "tensor \"decoder.0.weight\" holds NaN or infinite "
                                                "values (the first at element 5)");
    }
}

TEST(HostileCheckpoint, TruncatedAtEveryTenth)
{
    // A tiny model with a 300-epoch history (the step records are tensors now, the epochs JSON):
    // the header is about half the file, so the cuts fall both in the header and in the data.
    vae::TrainingConfig config;
    config.latentDim = 2;
    config.hiddenSizes = {8};
    vae::TrainingHistory history;
    for (int i = 1; i <= 300; ++i)
        history.epochs.push_back({.epoch = i,
                                  .train = {150.0 + i, 3.0 + i / 7.0, -153.0 - i - i / 7.0},
                                  .test = {151.0 + i, 3.5, -154.5 - i},
                                  .samplesPerSecond = 20000.0 + i,
                                  .seconds = 3.0});
    const auto file = tempPath("full.safetensors");
    vae::saveCheckpoint(file, *vae::makeUntrainedModel(config), history);
    const std::string bytes = readFile(file);
    std::filesystem::remove(file);
    std::uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    int headerCuts = 0, dataCuts = 0;
    for (int tenth = 0; tenth < 10; ++tenth) {
        const std::size_t size = bytes.size() * std::size_t(tenth) / 10;
        const std::string message = errorFor(bytes.substr(0, size), "truncated.safetensors");
        if (size < 8) {
            EXPECT_MENTIONS(message, "too short to be a safetensors file (0 bytes)");
        } else if (size < 8 + headerSize) {
            ++headerCuts;
            EXPECT_MENTIONS(message, "exceeds the file size (" + std::to_string(size) + " bytes)");
        } else {
            ++dataCuts;
            EXPECT_MENTIONS(message, "53584 bytes of weights, but the file holds " +
                                         std::to_string(size - 8 - headerSize));
        }
    }
    EXPECT_GE(headerCuts, 3);
    EXPECT_GE(dataCuts, 3);
}

TEST(HostileCheckpoint, HostileHistory)
{
    auto withHistory = [](const std::string& history) {
        TinyCheckpoint tiny;
        tiny.header["__metadata__"]["history"] = history;
        return errorFor(tiny.bytes());
    };
    EXPECT_MENTIONS(withHistory("{\"steps\": [[1, 0.5, 1, 2, 1]], \"epochs\": []}"),
                    "a step record must be an array of 6 numbers");
    EXPECT_MENTIONS(withHistory("{\"steps\": [[1e300, 0.5, 1, 2, 1, 0.1]], \"epochs\": []}"),
                    "malformed training history: a step number is 1e+300, expected an integer");
    EXPECT_MENTIONS(withHistory("{\"steps\": " + std::string(1000, '[') + "]"),
                    "malformed training history: nested deeper than 4 levels");
    EXPECT_MENTIONS(withHistory("{\"steps\": {}, \"epochs\": []}"), "\"steps\" must be an array");
    // 1 MB of empty records: refused at the first one, the rest is never turned into JSON values.
    std::string empties = "{\"epochs\": [], \"steps\": [[]";
    for (int i = 0; i < 300000; ++i)
        empties += ",[]";
    EXPECT_MENTIONS(withHistory(empties + "]}"), "a step record must be an array of 6 numbers");
}

TEST(HostileCheckpoint, HistoryNullsAreNaNAndRecordsAreKept)
{
    // nlohmann writes a NaN loss as null: such a history (a diverged run) still loads.
    TinyCheckpoint tiny;
    tiny.header["__metadata__"]["history"] =
        "{\"steps\": [[1, 0.5, null, 2.5, 1, 0.001], [2, 1.0, 3.5, 2.0, 1, 0.001]], \"epochs\": "
        "[{\"epoch\": 1, \"train\": {\"reconstruction\": 3, \"kl\": 1, \"elbo\": -4}, \"test\": "
        "{\"reconstruction\": 5, \"kl\": 1, \"elbo\": -6}, \"samples_per_second\": 10, "
        "\"seconds\": "
        "2}], \"changes\": [{\"step\": 2, \"epoch\": 0.5, \"setting\": \"beta\", \"from\": \"1\", "
        "\"to\": \"2\"}]}";
    const auto file = tempPath("nan-history.safetensors");
    writeFile(file, tiny.bytes());
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    std::filesystem::remove(file);
    ASSERT_EQ(loaded.history.steps.size(), 2u);
    EXPECT_TRUE(std::isnan(loaded.history.steps[0].loss.reconstruction));
    EXPECT_DOUBLE_EQ(loaded.history.steps[1].loss.elbo, -5.5);
    ASSERT_EQ(loaded.history.epochs.size(), 1u);
    EXPECT_DOUBLE_EQ(loaded.history.epochs[0].test.elbo, -6);
    EXPECT_DOUBLE_EQ(loaded.history.epochs[0].fraction, 1.0);
    ASSERT_EQ(loaded.history.changes.size(), 1u);
    EXPECT_EQ(loaded.history.changes[0].to, "2");
    EXPECT_EQ(loaded.model->step(), 2);
}

TEST(Checkpoint, FortySevenMillionStepHistoryRoundTripsInASmallFile)
{
    // 100,000 epochs of MNIST at batch 128 (469 steps each) as TrainingConfig allows: 46.9 M
    // steps. The JSON list of old files would need ~4.7 GB of header (the limit is 256 MiB).
    constexpr std::int64_t kSteps = 46'900'000;
    vae::TrainingConfig config;
    config.latentDim = 2;
    config.hiddenSizes = {8};
    vae::TrainingHistory history;
    for (std::int64_t i = 1; i <= kSteps; ++i) {
        const double x = double(i % 1000) / 1000.0;
        history.steps.push_back({.step = i,
                                 .epoch = double(i) / 469.0,
                                 .loss = {100.0 + 50.0 * x, 5.0 - x, -(105.0 + 49.0 * x)},
                                 .beta = i % 2 ? 1.0 : 0.5,
                                 .learningRate = 1e-3});
    }
    for (int e = 1; e <= 100000; e += 97) // epoch summaries stay JSON: a thousand of them
        history.epochs.push_back({.epoch = e, .train = {120, 4, -124}, .test = {121, 4, -125}});
    history.changes.push_back(
        {.step = 5, .epoch = 0.01, .setting = "beta", .from = "1", .to = "0.5"});
    ASSERT_EQ(history.steps.count(), kSteps);
    const auto file = tempPath("long-history.safetensors");
    auto model = vae::makeUntrainedModel(config);
    vae::saveCheckpoint(file, *model, history);
    // The weights (53,584 bytes), 20,000 recent steps × 56 bytes, ≤ 4,096 buckets × 128 bytes
    // and the epochs' JSON: under 2 MB whatever the run length.
    EXPECT_LT(std::filesystem::file_size(file), 2u << 20);
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    std::filesystem::remove(file);
    EXPECT_EQ(loaded.history.steps, history.steps);
    EXPECT_EQ(loaded.history.steps.count(), kSteps);
    EXPECT_EQ(loaded.history.steps.lastStep(), kSteps);
    EXPECT_EQ(loaded.history.epochs.size(), history.epochs.size());
    EXPECT_EQ(loaded.history.changes, history.changes);
    EXPECT_EQ(loaded.history.steps.bucketWidth(), history.steps.bucketWidth());
}

TEST(Checkpoint, OldFileWithTheStepsInTheJsonHeaderStillOpens)
{
    // Files written before the step tensors held every step in the "history" metadata.
    TinyCheckpoint tiny;
    std::string steps;
    for (int i = 1; i <= 25000; ++i)
        steps += (i > 1 ? "," : "") + ("[" + std::to_string(i) + ", " + std::to_string(i / 100.0) +
                                        ", " + std::to_string(100 + i % 7) + ", 2.5, 1, 0.001]");
    tiny.header["__metadata__"]["history"] = "{\"steps\": [" + steps + "], \"epochs\": []}";
    const auto file = tempPath("old-json-history.safetensors");
    writeFile(file, tiny.bytes());
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    std::filesystem::remove(file);
    EXPECT_EQ(loaded.history.steps.count(), 25000); // more than the recent window: bucketed
    EXPECT_EQ(loaded.history.steps.size(), vae::StepHistory::kDefaultRecentCapacity);
    EXPECT_EQ(loaded.history.steps.back().step, 25000);
    EXPECT_DOUBLE_EQ(loaded.history.steps.back().loss.elbo, -(100 + 25000 % 7 + 2.5));
    EXPECT_EQ(loaded.model->step(), 25000);
}

TEST(HostileCheckpoint, HostileHistoryTensors)
{
    vae::TrainingConfig config;
    config.latentDim = 2;
    config.hiddenSizes = {8};
    vae::TrainingHistory history;
    for (int i = 1; i <= 30; ++i)
        history.steps.push_back({.step = i, .epoch = i / 30.0, .loss = {150.0, 3.0, -153.0}});
    const auto good = tempPath("history-tensors.safetensors");
    vae::saveCheckpoint(good, *vae::makeUntrainedModel(config), history);
    EXPECT_EQ(vae::loadCheckpoint(good).history.steps, history.steps);
    const auto bad = tempPath("history-tensors-bad.safetensors");
    editHeader(good, bad, [](nlohmann::json& h) { h["history.steps"]["dtype"] = "F32"; });
    EXPECT_MENTIONS(loadError(bad), "tensor \"history.steps\" has dtype \"F32\", expected \"F64\"");
    editHeader(good, bad, [](nlohmann::json& h) { h["history.steps"]["shape"] = {30, 6}; });
    EXPECT_MENTIONS(loadError(bad), "has shape [30, 6], expected [rows, 7]");
    // A step number out of order: the data rewritten in place.
    std::string bytes = readFile(good);
    std::uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    const nlohmann::json header = nlohmann::json::parse(bytes.substr(8, headerSize));
    const std::uint64_t begin = header["history.steps"]["data_offsets"][0];
    const double seven = 7.0; // row 1's step (2) becomes 7, then row 2's (3) is not after it
    std::memcpy(bytes.data() + 8 + headerSize + begin + 7 * 8, &seven, 8);
    writeFile(bad, bytes);
    EXPECT_MENTIONS(loadError(bad), "tensor \"history.steps\" row 2 has step 3, not after the step "
                                    "before it (7)");
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}

// ---- The fuzz corpus and the inputs the fuzzers found ------------------------------------------

TEST(HostileCheckpoint, FuzzCorpusAndRegressionFilesGiveTheExpectedResult)
{
    const std::filesystem::path fuzz = std::filesystem::path(VAE_FIXTURES_DIR) / ".." / "fuzz";
    // Seed corpus: what each file must give.
    const std::map<std::string, std::string> expected = {
        {"valid-latent2-hidden8.safetensors", ""},
        {"valid-no-history.safetensors", ""},
        {"valid-with-training-state.safetensors", ""},
        {"valid-conv.safetensors", ""},
        {"truncated-in-length.safetensors", "too short"},
        {"truncated-in-header.safetensors", "exceeds the file size"},
        {"truncated-in-data.safetensors", "bytes of weights, but the file holds"},
        {"header-length-too-large.safetensors", "exceeds the file size"},
        {"negative-dim.safetensors", "negative dimension (-8)"},
        {"overlapping-offsets.safetensors", "overlap in the file"},
    };
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fuzz / "corpus" / "checkpoint")) {
        const std::string name = entry.path().filename().string();
        const auto it = expected.find(name);
        ASSERT_NE(it, expected.end()) << "add the new corpus file " << name << " to this table";
        if (it->second.empty()) {
            const vae::Checkpoint loaded = vae::loadCheckpoint(entry.path());
            // The first two were written before other datasets (no "data", no input_size: so
            // MNIST's) and before training states; the third by vae-cli with one (hidden [1],
            // to stay under the fuzzer's 64 KiB inputs); the fourth a tiny conv model.
            const bool conv = name == "valid-conv.safetensors";
            const bool withState = name == "valid-with-training-state.safetensors" || conv;
            if (conv) { // vae-cli train --architecture conv --channels 2 --hidden 2, one step
                EXPECT_EQ(loaded.config.architecture, "conv");
                EXPECT_EQ(loaded.config.convChannels, std::vector<int>{2});
                ASSERT_TRUE(loaded.training.has_value());
                EXPECT_EQ(loaded.training->adamFirstMoment.size(),
                          std::size_t(2 * 16 + 2 + 392 * 2 + 2 + 2 * 4 + 4 + 2 * 2 + 2 +
                                      2 * 392 + 392 + 2 * 16 + 1));
                EXPECT_EQ(loaded.model->decode(std::vector<float>{0.5f, -0.5f}).size(), 784u);
            } else {
                EXPECT_EQ(loaded.config.hiddenSizes, std::vector<int>{withState ? 1 : 8}) << name;
                EXPECT_EQ(loaded.config.inputSize, 784) << name;
                EXPECT_EQ(loaded.model->description(), vae::DataDescription::mnist()) << name;
                EXPECT_EQ(loaded.training.has_value(), withState) << name;
            }
            if (withState && !conv) {
                EXPECT_EQ(loaded.training->step, 1);
                EXPECT_EQ(loaded.training->epoch, 2);
                EXPECT_EQ(loaded.training->adamFirstMoment.size(),
                          std::size_t(784 * 1 + 1 + 1 * 4 + 4 + 2 * 1 + 1 + 1 * 784 + 784));
            }
        } else {
            EXPECT_MENTIONS(loadError(entry.path()), it->second);
        }
        ++checked;
    }
    EXPECT_EQ(checked, int(expected.size()));
    // Regressions: inputs a fuzzer once crashed on; each must now give a CheckpointError.
    const auto regressions = fuzz / "regressions" / "checkpoint";
    if (std::filesystem::is_directory(regressions))
        for (const auto& entry : std::filesystem::directory_iterator(regressions))
            EXPECT_THROW((void)vae::loadCheckpoint(entry.path()), vae::CheckpointError)
                << entry.path();
}

TEST(Checkpoint, DataDescriptionRoundTripsAndMustMatchTheInputSize)
{
    // A model of 12×10 RGB examples (360 inputs) with named classes.
    vae::DataDescription data;
    data.name = "tiny RGB";
    data.source = "folder:/somewhere";
    data.height = 12;
    data.width = 10;
    data.channels = 3;
    data.values = vae::ValueKind::UnitInterval;
    data.classNames = {"cat", "dog"};
    vae::TrainingConfig config;
    config.inputSize = data.inputSize();
    config.hiddenSizes = {16};
    const auto model = vae::makeUntrainedModel(config, data);
    EXPECT_EQ(model->pixelsPerImage(), 360);
    EXPECT_EQ(model->imageRows(), 12);
    EXPECT_EQ(model->imageCols(), 10);
    EXPECT_EQ(model->decode(std::vector<float>(2, 0.0f)).size(), 360u);
    const auto file = tempPath("rgb.safetensors");
    vae::saveCheckpoint(file, *model, {});
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    EXPECT_EQ(loaded.config.inputSize, 360);
    EXPECT_EQ(loaded.model->description(), data);
    EXPECT_EQ(loaded.model->decode(std::vector<float>{0.3f, -1.0f}),
              model->decode(std::vector<float>{0.3f, -1.0f}));
    // A description whose size disagrees with the model is refused, naming both.
    const auto bad = tempPath("rgb-mismatch.safetensors");
    editHeader(file, bad, [](nlohmann::json& h) {
        vae::DataDescription other = vae::DataDescription::mnist();
        h["__metadata__"]["data"] = other.toJson();
    });
    EXPECT_MENTIONS(loadError(bad), "(MNIST, 784 values per example) does not match the model's "
                                    "input size 360");
    editHeader(file, bad, [](nlohmann::json& h) { h["__metadata__"]["data"] = "{\"height\": 1}"; });
    EXPECT_MENTIONS(loadError(bad), "invalid data description in the metadata");
    // makeUntrainedModel refuses the same mismatch.
    EXPECT_THROW((void)vae::makeUntrainedModel(config, vae::DataDescription::mnist()),
                 vae::ConfigError);
    std::filesystem::remove(file);
    std::filesystem::remove(bad);
}

TEST(Checkpoint, LikelihoodAndGaussianSigmaRoundTrip)
{
    // A Gaussian model trained for an epoch (its σ is then the trainer's, not the initial one),
    // and a continuous-Bernoulli one: both come back with their likelihood, the Gaussian with the
    // very σ, and evaluate to the same numbers.
    for (vae::Likelihood likelihood :
         {vae::Likelihood::Gaussian, vae::Likelihood::ContinuousBernoulli}) {
        SCOPED_TRACE(std::string(vae::likelihoodName(likelihood)));
        vae::TrainingConfig config;
        config.epochs = 1;
        config.threads = 2;
        config.hiddenSizes = {32};
        config.likelihood = likelihood;
        const auto data = vae::test::mnistSubset(512);
        vae::Trainer trainer(config, data);
        const double initialSigma = trainer.inference()->gaussianSigma();
        vae::test::trainToTheEnd(trainer);
        const auto model = trainer.inference();
        if (likelihood == vae::Likelihood::Gaussian)
            EXPECT_NE(model->gaussianSigma(), initialSigma);
        const auto file = tempPath("likelihood.safetensors");
        vae::saveCheckpoint(file, *model, trainer.history());
        const vae::Checkpoint loaded = vae::loadCheckpoint(file);
        EXPECT_EQ(loaded.config.likelihood, likelihood);
        EXPECT_EQ(loaded.model->likelihood(), likelihood);
        EXPECT_EQ(loaded.model->gaussianSigma(), model->gaussianSigma()); // bit for bit
        const vae::ImageSet test = data->test.head(200);
        EXPECT_EQ(loaded.model->evaluate(test, 3).elbo, model->evaluate(test, 3).elbo);
        EXPECT_EQ(loaded.model->decode(std::vector<float>{0.5f, -0.5f}),
                  model->decode(std::vector<float>{0.5f, -0.5f}));
        if (likelihood == vae::Likelihood::Gaussian) {
            const auto bad = tempPath("gaussian-bad.safetensors");
            editHeader(file, bad,
                       [](nlohmann::json& h) { h["__metadata__"].erase("gaussian_sigma"); });
            EXPECT_MENTIONS(loadError(bad), "the metadata has no \"gaussian_sigma\"");
            for (const char* text : {"0", "nan", "1e-9", "abc", "0.5x"}) {
                editHeader(file, bad, [text](nlohmann::json& h) {
                    h["__metadata__"]["gaussian_sigma"] = text;
                });
                EXPECT_MENTIONS(loadError(bad),
                                "metadata \"gaussian_sigma\" is \"" + std::string(text));
            }
            std::filesystem::remove(bad);
        }
        std::filesystem::remove(file);
    }
}

TEST(Checkpoint, OldCheckpointWithoutLikelihoodOpensAsBernoulli)
{
    // A file written before the likelihood existed: its config has no "likelihood" key.
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    const auto file = tempPath("new.safetensors");
    const auto old = tempPath("old.safetensors");
    vae::saveCheckpoint(file, *model, {});
    editHeader(file, old, [](nlohmann::json& h) {
        nlohmann::json config =
            nlohmann::json::parse(h["__metadata__"]["config"].get<std::string>());
        ASSERT_EQ(config["likelihood"], "bernoulli");
        config.erase("likelihood");
        h["__metadata__"]["config"] = config.dump();
    });
    const vae::Checkpoint loaded = vae::loadCheckpoint(old);
    EXPECT_EQ(loaded.config.likelihood, vae::Likelihood::Bernoulli);
    const vae::ImageSet test = vae::test::mnist()->test.head(100);
    EXPECT_EQ(loaded.model->evaluate(test, 1).elbo, model->evaluate(test, 1).elbo);
    std::filesystem::remove(file);
    std::filesystem::remove(old);
}

// ---- Atomic save -------------------------------------------------------------------------------

namespace {

/// Files in `dir` whose name has saveCheckpoint's temporary-file marker.
std::vector<std::string> temporaryFiles(const std::filesystem::path& dir)
{
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            found.push_back(entry.path().string());
    return found;
}

std::string saveError(const std::filesystem::path& file, const vae::InferenceModel& model)
{
    try {
        vae::saveCheckpoint(file, model, {});
    } catch (const vae::CheckpointError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected saving " << file << " to fail";
    return {};
}

vae::TrainingConfig latentDim3()
{
    vae::TrainingConfig config;
    config.latentDim = 3;
    return config;
}

/// A fresh empty directory for one test.
std::filesystem::path tempDir(const std::string& name)
{
    const auto dir = tempPath(name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

TEST(AtomicSave, UnwritableDirectoryLeavesTheFileIntactAndSaysWhy)
{
    // Tests run as root, for whom permission bits do not stop a write: use places where no one can
    // create a file. /proc/self/comm exists (it holds the process name) but /proc/self refuses new
    // entries; a path "under" a regular file fails with ENOTDIR.
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    const std::string before = readFile("/proc/self/comm");
    ASSERT_FALSE(before.empty());
    const std::string procMessage = saveError("/proc/self/comm", *model);
    EXPECT_MENTIONS(procMessage, "cannot save /proc/self/comm: cannot create a file in /proc/self");
    EXPECT_EQ(readFile("/proc/self/comm"), before);

    const auto dir = tempDir("under-a-file");
    writeFile(dir / "plain-file", "not a directory");
    const std::string message = saveError(dir / "plain-file" / "model.safetensors", *model);
    EXPECT_MENTIONS(message, "cannot create a file in " + (dir / "plain-file").string());
    EXPECT_MENTIONS(message, std::strerror(ENOTDIR));
    EXPECT_EQ(readFile(dir / "plain-file"), "not a directory");
    EXPECT_TRUE(temporaryFiles(dir).empty());
    std::filesystem::remove_all(dir);
}

TEST(AtomicSave, ReadOnlyBindMountLeavesTheFileIntact)
{
    const auto dir = tempDir("read-only");
    const auto file = dir / "model.safetensors";
    const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
    vae::saveCheckpoint(file, *model, {});
    const std::string before = readFile(file);
    if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0)
        GTEST_SKIP() << "cannot bind-mount " << dir << " (" << std::strerror(errno)
                     << "): needs CAP_SYS_ADMIN; UnwritableDirectory… covers the same path";
    const bool readOnly =
        ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
    std::string message;
    if (readOnly)
        message = saveError(file, *vae::makeUntrainedModel(latentDim3()));
    ::umount2(dir.c_str(), MNT_DETACH);
    if (!readOnly)
        GTEST_SKIP() << "cannot remount " << dir << " read-only";
    EXPECT_MENTIONS(message, "cannot create a file in " + dir.string());
    EXPECT_MENTIONS(message, std::strerror(EROFS));
    EXPECT_EQ(readFile(file), before);
    EXPECT_EQ(vae::loadCheckpoint(file).config.latentDim, 2);
    EXPECT_TRUE(temporaryFiles(dir).empty());
    std::filesystem::remove_all(dir);
}

TEST(AtomicSave, FileSizeLimitLeavesTheFileIntactAndRemovesTheTemporaryFile)
{
    // A "full disk" that always works: RLIMIT_FSIZE makes write() fail with EFBIG past 16 kB
    // (SIGXFSZ, which would kill the process, is ignored meanwhile; both are restored after).
    const auto dir = tempDir("fsize");
    const auto file = dir / "model.safetensors";
    const auto old = vae::makeUntrainedModel(vae::TrainingConfig{});
    vae::saveCheckpoint(file, *old, {});
    const std::string before = readFile(file);
    ASSERT_GT(before.size(), 16384u);

    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 16384;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const std::string message = saveError(file, *vae::makeUntrainedModel(latentDim3()));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    EXPECT_MENTIONS(message, "cannot write " + file.string() + ": " + std::strerror(EFBIG));
    EXPECT_EQ(readFile(file), before);
    EXPECT_EQ(vae::loadCheckpoint(file).config.latentDim, 2);
    EXPECT_TRUE(temporaryFiles(dir).empty()) << temporaryFiles(dir).front();
    std::filesystem::remove_all(dir);
}

TEST(AtomicSave, FullTmpfsLeavesTheFileIntactAndRemovesTheTemporaryFile)
{
    const auto dir = tempDir("tmpfs");
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=64k") != 0)
        GTEST_SKIP() << "cannot mount a 64 kB tmpfs on " << dir << " (" << std::strerror(errno)
                     << "): needs CAP_SYS_ADMIN; FileSizeLimit… tests the same failure with EFBIG";
    const auto file = dir / "model.safetensors";
    vae::TrainingConfig small;
    small.latentDim = 2;
    small.hiddenSizes = {8}; // ~51 kB: fits once, not twice
    vae::saveCheckpoint(file, *vae::makeUntrainedModel(small), {});
    const std::string before = readFile(file);
    small.hiddenSizes = {9};
    const std::string message = saveError(file, *vae::makeUntrainedModel(small));
    const std::vector<std::string> leftovers = temporaryFiles(dir);
    const std::string after = readFile(file);
    ::umount2(dir.c_str(), MNT_DETACH);
    EXPECT_MENTIONS(message, "cannot write " + file.string() + ": " + std::strerror(ENOSPC));
    EXPECT_EQ(after, before);
    EXPECT_TRUE(leftovers.empty()) << leftovers.front();
    std::filesystem::remove_all(dir);
}
