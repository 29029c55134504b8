#include "test_support.h"
#include "vae/checkpoint.h"
#include "vae/errors.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

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
    trainer.start();
    trainer.wait();
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
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
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
    EXPECT_NE(message.find("\"decoder.0.bias\" has shape [256], but the config needs [255]"), std::string::npos)
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
    EXPECT_NE(loadError(bad).find("bytes of weights, but the file holds"), std::string::npos) << loadError(bad);

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
    EXPECT_NE(loadError(bad).find("\"decoder.0.bias\" is missing"), std::string::npos) << loadError(bad);

    editHeader(good, bad, [](nlohmann::json& h) {
        h["decoder.0.bias"]["data_offsets"] = h["decoder.0.weight"]["data_offsets"];
    });
    EXPECT_NE(loadError(bad).find("decoder.0.bias"), std::string::npos) << loadError(bad);

    EXPECT_NE(loadError(tempPath("does-not-exist")).find("no such checkpoint file"), std::string::npos);
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
}
