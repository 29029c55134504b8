#include "test_support.h"
#include "vae/errors.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

using vae::DataError;

namespace {

const std::filesystem::path kFixtures = VAE_FIXTURES_DIR;

/// Runs `load` and returns the DataError message; fails the test if nothing is thrown.
template <typename F> std::string errorOf(F&& load)
{
    try {
        load();
    } catch (const DataError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a DataError";
    return {};
}

} // namespace

TEST(IdxReader, ReadsValidImagesAndLabels)
{
    const vae::ImageSet set =
        vae::loadImageSet(kFixtures / "valid-images-idx3-ubyte", kFixtures / "valid-labels-idx1-ubyte");
    EXPECT_EQ(set.count, 3);
    EXPECT_EQ(set.rows, 28);
    EXPECT_EQ(set.cols, 28);
    ASSERT_EQ(set.pixels.size(), 3u * 784u);
    EXPECT_EQ(set.labels, (std::vector<std::uint8_t>{5, 0, 4}));
    // Pixel j of image i is (7i + j) mod 256, scaled by 1/255.
    EXPECT_FLOAT_EQ(set.pixels[0], 0.0f);
    EXPECT_FLOAT_EQ(set.pixels[784 + 10], float((7 + 10) % 256) / 255.0f);
    EXPECT_FLOAT_EQ(set.pixels[2 * 784 + 300], float((14 + 300) % 256) / 255.0f);
}

TEST(IdxReader, WrongMagicNamesFileAndBothValues)
{
    const std::string message = errorOf([] { (void)vae::readIdxImages(kFixtures / "wrong-magic-idx3-ubyte"); });
    EXPECT_NE(message.find("wrong-magic-idx3-ubyte"), std::string::npos) << message;
    EXPECT_NE(message.find("expected 0x00000803"), std::string::npos) << message;
    EXPECT_NE(message.find("found 0x00000801"), std::string::npos) << message;
}

TEST(IdxReader, TruncatedBodyGivesExpectedAndActualSize)
{
    const std::string message =
        errorOf([] { (void)vae::readIdxImages(kFixtures / "truncated-images-idx3-ubyte"); });
    EXPECT_NE(message.find("truncated-images-idx3-ubyte"), std::string::npos) << message;
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_NE(message.find("2368 bytes"), std::string::npos) << message; // expected
    EXPECT_NE(message.find("1976 bytes"), std::string::npos) << message; // found
}

TEST(IdxReader, HeaderCountLargerThanFile)
{
    const std::string message =
        errorOf([] { (void)vae::readIdxImages(kFixtures / "count-too-large-idx3-ubyte"); });
    EXPECT_NE(message.find("60000 images"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(16 + 60000ull * 784) + " bytes"), std::string::npos) << message;
    EXPECT_NE(message.find("2368 bytes"), std::string::npos) << message;
}

TEST(IdxReader, ShortHeader)
{
    const std::string message = errorOf([] { (void)vae::readIdxImages(kFixtures / "short-header-idx3-ubyte"); });
    EXPECT_NE(message.find("truncated header"), std::string::npos) << message;
}

TEST(IdxReader, ImageLabelCountMismatchNamesBothFiles)
{
    const std::string message = errorOf([] {
        (void)vae::loadImageSet(kFixtures / "valid-images-idx3-ubyte", kFixtures / "two-labels-idx1-ubyte");
    });
    EXPECT_NE(message.find("valid-images-idx3-ubyte holds 3 images"), std::string::npos) << message;
    EXPECT_NE(message.find("two-labels-idx1-ubyte holds 2 labels"), std::string::npos) << message;
}

TEST(IdxReader, MissingFile)
{
    const std::string message = errorOf([] { (void)vae::readIdxLabels(kFixtures / "no-such-file"); });
    EXPECT_NE(message.find("no-such-file: file not found"), std::string::npos) << message;
}

TEST(IdxReader, MissingDataDirectoryNamesDirectoryAndFetchCommand)
{
    const std::string message = errorOf([] { (void)vae::loadMnist("/nonexistent/mnist-dir"); });
    EXPECT_NE(message.find("/nonexistent/mnist-dir"), std::string::npos) << message;
    EXPECT_NE(message.find("scripts/fetch-mnist.sh"), std::string::npos) << message;
}

TEST(IdxReader, DirectoryMissingOneFileNamesIt)
{
    const std::string message = errorOf([] { (void)vae::loadMnist(kFixtures); });
    EXPECT_NE(message.find("train-images-idx3-ubyte is missing"), std::string::npos) << message;
}

TEST(DataDir, HonoursOverrideThenXdg)
{
    const char* saved = std::getenv("VAE_EXPLORER_DATA");
    const std::string savedValue = saved ? saved : "";
    setenv("VAE_EXPLORER_DATA", "/some/where", 1);
    EXPECT_EQ(vae::defaultDataDir(), std::filesystem::path("/some/where"));
    unsetenv("VAE_EXPLORER_DATA");
    const char* savedXdg = std::getenv("XDG_DATA_HOME");
    const std::string savedXdgValue = savedXdg ? savedXdg : "";
    setenv("XDG_DATA_HOME", "/xdg", 1);
    EXPECT_EQ(vae::defaultDataDir(), std::filesystem::path("/xdg/vae-explorer/mnist"));
    if (savedXdg)
        setenv("XDG_DATA_HOME", savedXdgValue.c_str(), 1);
    else
        unsetenv("XDG_DATA_HOME");
    if (saved)
        setenv("VAE_EXPLORER_DATA", savedValue.c_str(), 1);
}

TEST(Mnist, RealFilesLoadWithKnownContent)
{
    const auto data = vae::test::mnist();
    EXPECT_EQ(data->train.count, 60000);
    EXPECT_EQ(data->test.count, 10000);
    EXPECT_EQ(data->train.pixels.size(), 60000u * 784u);
    // The first training digit is a 5 and the first test digit a 7 (LeCun's files).
    EXPECT_EQ(data->train.labels[0], 5);
    EXPECT_EQ(data->test.labels[0], 7);
    const auto [lo, hi] = std::minmax_element(data->train.pixels.begin(), data->train.pixels.end());
    EXPECT_EQ(*lo, 0.0f);
    EXPECT_EQ(*hi, 1.0f);
    std::array<int, 10> perClass{};
    for (std::uint8_t label : data->test.labels)
        ++perClass.at(label);
    EXPECT_EQ(perClass[0], 980); // known test-set class counts
    EXPECT_EQ(perClass[1], 1135);
}

TEST(IdxReader, CountsAboveIntMaxAreRefusedBeforeTheSizeCheck)
{
    // A 16-byte header declaring 2^31 images of 1×1: refused by the count, not by a later
    // int conversion (IdxImages::count is an int).
    const auto dir = std::filesystem::temp_directory_path() / "vae-explorer-tests";
    std::filesystem::create_directories(dir);
    const auto images = dir / (std::to_string(::getpid()) + "-huge-count-idx3-ubyte");
    const auto labels = dir / (std::to_string(::getpid()) + "-huge-count-idx1-ubyte");
    std::ofstream(images, std::ios::binary)
        << std::string("\x00\x00\x08\x03\x80\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x01", 16);
    std::ofstream(labels, std::ios::binary) << std::string("\x00\x00\x08\x01\xff\xff\xff\xff", 8);
    const std::string imageMessage = errorOf([&] { (void)vae::readIdxImages(images); });
    EXPECT_NE(imageMessage.find("declares 2147483648 images, more than the 2147483647 supported"),
              std::string::npos)
        << imageMessage;
    const std::string labelMessage = errorOf([&] { (void)vae::readIdxLabels(labels); });
    EXPECT_NE(labelMessage.find("declares 4294967295 labels, more than the 2147483647 supported"),
              std::string::npos)
        << labelMessage;
    std::filesystem::remove(images);
    std::filesystem::remove(labels);
}

TEST(IdxReader, FuzzRegressionFilesGiveADataError)
{
    const std::filesystem::path fuzz = kFixtures / ".." / "fuzz";
    // The seed corpus (copies of the fixtures): what each file must give; "" = it loads.
    const std::map<std::string, std::string> expected = {
        {"valid-images-idx3-ubyte", ""},
        {"valid-labels-idx1-ubyte", ""},
        {"two-labels-idx1-ubyte", ""},
        {"count-too-large-idx3-ubyte", "truncated"},
        {"short-header-idx3-ubyte", "truncated header"},
        {"truncated-images-idx3-ubyte", "truncated"},
        {"wrong-magic-idx3-ubyte", "wrong magic number"},
    };
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fuzz / "corpus" / "idx")) {
        const std::string name = entry.path().filename().string();
        const auto it = expected.find(name);
        ASSERT_NE(it, expected.end()) << "add the new corpus file " << name << " to this table";
        const bool labels = name.find("idx1") != std::string::npos;
        auto load = [&] {
            if (labels)
                (void)vae::readIdxLabels(entry.path());
            else
                (void)vae::readIdxImages(entry.path());
        };
        if (it->second.empty())
            EXPECT_NO_THROW(load()) << name;
        else
            EXPECT_NE(errorOf(load).find(it->second), std::string::npos) << name;
        ++checked;
    }
    EXPECT_EQ(checked, int(expected.size()));
    // Inputs a fuzzer once crashed on: each must now give a DataError from both readers.
    const auto regressions = fuzz / "regressions" / "idx";
    if (std::filesystem::is_directory(regressions))
        for (const auto& entry : std::filesystem::directory_iterator(regressions)) {
            EXPECT_THROW((void)vae::readIdxImages(entry.path()), DataError) << entry.path();
            EXPECT_THROW((void)vae::readIdxLabels(entry.path()), DataError) << entry.path();
        }
}
