#include "test_support.h"
#include "vae/errors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>

#include <zlib.h>

#include <unistd.h>

using vae::DataError;

namespace {

const std::filesystem::path kFixtures = VAE_FIXTURES_DIR;

using vae::test::errorOf;

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

TEST(Dataset, RealFilesLoadWithKnownContent)
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

// --- gzip IDX files, Fashion-MNIST, label ranges, binarization, the data description ---

namespace {

std::vector<char> fileBytes(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Writes `bytes` gzip-compressed to `file` with zlib.
void writeGzip(const std::filesystem::path& file, const std::vector<char>& bytes)
{
    gzFile gz = gzopen(file.c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    ASSERT_EQ(gzwrite(gz, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    ASSERT_EQ(gzclose(gz), Z_OK);
}

std::filesystem::path scratchDir(const std::string& name)
{
    const auto dir = std::filesystem::temp_directory_path() /
                     ("vae-dataset-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

TEST(IdxReader, GzipFileReadsTheSameAsThePlainOne)
{
    const auto dir = scratchDir("gzip");
    writeGzip(dir / "images.gz", fileBytes(kFixtures / "valid-images-idx3-ubyte"));
    writeGzip(dir / "labels.gz", fileBytes(kFixtures / "valid-labels-idx1-ubyte"));
    const vae::ImageSet plain = vae::loadImageSet(kFixtures / "valid-images-idx3-ubyte",
                                                  kFixtures / "valid-labels-idx1-ubyte");
    const vae::ImageSet gz = vae::loadImageSet(dir / "images.gz", dir / "labels.gz");
    EXPECT_EQ(gz.count, plain.count);
    EXPECT_EQ(gz.rows, plain.rows);
    EXPECT_EQ(gz.pixels, plain.pixels);
    EXPECT_EQ(gz.labels, plain.labels);
    std::filesystem::remove_all(dir);
}

TEST(IdxReader, GzipTruncatedTrailingAndCorruptStreamsAreNamed)
{
    const auto dir = scratchDir("gzip-bad");
    std::vector<char> valid = fileBytes(kFixtures / "valid-images-idx3-ubyte");
    // The data declared by the header, minus 100 bytes, compressed correctly.
    writeGzip(dir / "short.gz", std::vector<char>(valid.begin(), valid.end() - 100));
    std::string message = errorOf([&] { (void)vae::readIdxImages(dir / "short.gz"); });
    EXPECT_NE(message.find("short.gz: truncated"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(valid.size() - 100) + " bytes uncompressed"),
              std::string::npos)
        << message;
    // Seven bytes too many after the data.
    std::vector<char> longer = valid;
    longer.insert(longer.end(), 7, '\0');
    writeGzip(dir / "long.gz", longer);
    message = errorOf([&] { (void)vae::readIdxImages(dir / "long.gz"); });
    EXPECT_NE(message.find("long.gz: 7 unexpected bytes after the data"), std::string::npos)
        << message;
    // A gzip file cut in the middle of its compressed stream.
    writeGzip(dir / "whole.gz", valid);
    std::vector<char> compressed = fileBytes(dir / "whole.gz");
    compressed.resize(compressed.size() / 2);
    std::ofstream(dir / "cut.gz", std::ios::binary).write(compressed.data(), compressed.size());
    message = errorOf([&] { (void)vae::readIdxImages(dir / "cut.gz"); });
    EXPECT_NE(message.find("cut.gz"), std::string::npos) << message;
    EXPECT_TRUE(message.find("truncated") != std::string::npos ||
                message.find("corrupt gzip") != std::string::npos)
        << message;
    // Garbage after a valid gzip header: a corrupt deflate stream.
    std::vector<char> garbage(compressed.begin(), compressed.begin() + 10);
    for (int i = 0; i < 200; ++i)
        garbage.push_back(char(0xFF - i));
    std::ofstream(dir / "garbage.gz", std::ios::binary).write(garbage.data(), garbage.size());
    message = errorOf([&] { (void)vae::readIdxImages(dir / "garbage.gz"); });
    EXPECT_NE(message.find("garbage.gz"), std::string::npos) << message;
    std::filesystem::remove_all(dir);
}

TEST(IdxReader, LabelOutsideTheClassesNamesFileItemAndValue)
{
    const auto dir = scratchDir("labels");
    std::vector<char> labels = fileBytes(kFixtures / "valid-labels-idx1-ubyte");
    labels[8 + 2] = char(200); // the third label
    std::ofstream(dir / "labels", std::ios::binary).write(labels.data(), labels.size());
    // Without a class count the label is read as is; with MNIST's 10 classes it is refused.
    EXPECT_EQ(vae::loadImageSet(kFixtures / "valid-images-idx3-ubyte", dir / "labels").labels[2],
              200);
    const std::string message = errorOf([&] {
        (void)vae::loadImageSet(kFixtures / "valid-images-idx3-ubyte", dir / "labels", 10);
    });
    EXPECT_NE(message.find((dir / "labels").string() + ": label 2 is 200"), std::string::npos)
        << message;
    EXPECT_NE(message.find("classes are 0–9"), std::string::npos) << message;
    std::filesystem::remove_all(dir);
}

TEST(FashionMnist, RealPackageFilesLoadWithKnownContent)
{
    const vae::Dataset data = vae::loadDataset("fashion-mnist");
    EXPECT_EQ(data.description.name, "Fashion-MNIST");
    EXPECT_EQ(data.description.source, "fashion-mnist");
    EXPECT_EQ(data.description.inputSize(), 784);
    ASSERT_EQ(data.description.classCount(), 10);
    EXPECT_EQ(data.description.classNames.front(), "T-shirt/top");
    EXPECT_EQ(data.description.classNames.back(), "Ankle boot");
    EXPECT_EQ(data.train.count, 60000);
    EXPECT_EQ(data.test.count, 10000);
    // Zalando's files: the first training item is an ankle boot (9), the first test item too;
    // every class has 6,000 training and 1,000 test items; the training pixels' mean is 0.2860
    // (the normalisation constant torchvision users quote).
    EXPECT_EQ(data.train.labels[0], 9);
    EXPECT_EQ(data.test.labels[0], 9);
    std::array<int, 10> perClass{};
    for (std::uint8_t label : data.train.labels)
        ++perClass.at(label);
    for (int count : perClass)
        EXPECT_EQ(count, 6000);
    double sum = 0;
    for (float v : data.train.pixels)
        sum += v;
    EXPECT_NEAR(sum / double(data.train.pixels.size()), 0.2860, 5e-4);
}

TEST(FashionMnist, MissingDirectoryNamesThePackage)
{
    vae::DataLocations locations;
    locations.fashionMnist = "/nonexistent/fashion";
    const std::string message = errorOf([&] { (void)vae::loadDataset("fashion-mnist", locations); });
    EXPECT_NE(message.find("/nonexistent/fashion does not exist"), std::string::npos) << message;
    EXPECT_NE(message.find("apt-get install dataset-fashion-mnist"), std::string::npos) << message;
}

TEST(Datasets, UnknownSpecListsTheKnownOnes)
{
    const std::string message = errorOf([] { (void)vae::loadDataset("cifar"); });
    EXPECT_NE(message.find("unknown dataset \"cifar\""), std::string::npos) << message;
    for (const std::string& spec : vae::builtinDatasetSpecs())
        EXPECT_NE(message.find(spec), std::string::npos) << message;
}

TEST(Binarization, SlicesOfTheSampleEqualTheWholeAndTheRateIsTheGreyLevel)
{
    std::vector<float> grey(100000);
    for (std::size_t i = 0; i < grey.size(); ++i)
        grey[i] = float(i % 101) / 100.0f;
    std::vector<float> whole(grey.size()), parts(grey.size());
    vae::binarizeInto(grey, whole, 7);
    const std::size_t cut = 33333;
    vae::binarizeInto(std::span(grey).first(cut), std::span(parts).first(cut), 7, 0);
    vae::binarizeInto(std::span(grey).subspan(cut), std::span(parts).subspan(cut), 7, cut);
    EXPECT_EQ(whole, parts);
    // Grey level 0 and 1 are exact; level p is 1 with probability p: 990 draws per level, so
    // the rate of each is within 4.5 standard errors of p.
    std::array<int, 101> ones{};
    for (std::size_t i = 0; i < grey.size(); ++i) {
        ASSERT_TRUE(whole[i] == 0.0f || whole[i] == 1.0f);
        ones[i % 101] += int(whole[i]);
    }
    const double draws = double(grey.size() / 101);
    EXPECT_EQ(ones[0], 0);
    EXPECT_EQ(ones[100], int(draws));
    for (int level = 1; level < 100; ++level) {
        const double p = level / 100.0;
        EXPECT_NEAR(ones[std::size_t(level)] / draws, p, 4.5 * std::sqrt(p * (1 - p) / draws))
            << "grey level " << p;
    }
    std::vector<float> other(grey.size());
    vae::binarizeInto(grey, other, 8);
    EXPECT_NE(whole, other);
}

TEST(Binarization, StaticAndDynamicProtocolsOnRealMnist)
{
    const vae::Dataset grey = *vae::test::mnist();
    const vae::Dataset fixed = vae::loadDataset("binarized-mnist:static");
    const vae::Dataset dynamic = vae::loadDataset("binarized-mnist:dynamic");
    EXPECT_EQ(fixed.description.name, "Binarized MNIST (static)");
    EXPECT_EQ(fixed.description.values, vae::ValueKind::Binary);
    EXPECT_FALSE(fixed.description.dynamicBinarization);
    EXPECT_EQ(dynamic.description.name, "Binarized MNIST (dynamic)");
    EXPECT_TRUE(dynamic.description.dynamicBinarization);
    // Static: both sets binary; dynamic: the training set stays grey for the trainer to sample.
    auto isBinary = [](const std::vector<float>& v) {
        return std::all_of(v.begin(), v.end(), [](float x) { return x == 0.0f || x == 1.0f; });
    };
    EXPECT_TRUE(isBinary(fixed.train.pixels));
    EXPECT_TRUE(isBinary(fixed.test.pixels));
    EXPECT_TRUE(isBinary(dynamic.test.pixels));
    EXPECT_EQ(dynamic.train.pixels, grey.train.pixels);
    // Both protocols share the one fixed test sample, so their test figures are comparable.
    EXPECT_EQ(fixed.test.pixels, dynamic.test.pixels);
    EXPECT_EQ(fixed.train.labels, grey.train.labels);
    // The sample keeps the ink: its mean is the grey mean (0.1307 for MNIST's training set).
    double greyMean = 0, binaryMean = 0;
    for (std::size_t i = 0; i < grey.train.pixels.size(); ++i) {
        greyMean += grey.train.pixels[i];
        binaryMean += fixed.train.pixels[i];
    }
    greyMean /= double(grey.train.pixels.size());
    binaryMean /= double(grey.train.pixels.size());
    EXPECT_NEAR(greyMean, 0.1307, 5e-4);
    EXPECT_NEAR(binaryMean, greyMean, 5e-4);
    // A pixel that is 0 or 1 in the grey image keeps its value.
    for (std::size_t i = 0; i < grey.test.pixels.size(); ++i)
        if (grey.test.pixels[i] == 0.0f || grey.test.pixels[i] == 1.0f)
            ASSERT_EQ(fixed.test.pixels[i], grey.test.pixels[i]) << "value " << i;
}

TEST(Binarization, RefusesDataThatIsNotGreyLevels)
{
    vae::Dataset data;
    data.description = vae::DataDescription::mnist();
    data.train.count = 1;
    data.train.rows = 1;
    data.train.cols = 2;
    data.train.pixels = {0.5f, 1.5f};
    const std::string message =
        errorOf([&] { (void)vae::binarize(data, vae::Binarization::Static, 1); });
    EXPECT_NE(message.find("value 1 is 1.5"), std::string::npos) << message;
    data.description.values = vae::ValueKind::Real;
    EXPECT_NE(errorOf([&] { (void)vae::binarize(data, vae::Binarization::Static, 1); })
                  .find("its values are real"),
              std::string::npos);
}

TEST(DataDescription, JsonRoundTripAndErrors)
{
    vae::DataDescription d = vae::DataDescription::mnist();
    d.name = "Binarized MNIST (dynamic)";
    d.values = vae::ValueKind::Binary;
    d.dynamicBinarization = true;
    EXPECT_EQ(vae::DataDescription::fromJson(d.toJson()), d);
    EXPECT_EQ(d.className(3), "3");
    EXPECT_EQ(d.className(12), "12");
    const std::string bad[] = {
        "[]", "{\"height\": 28}", "{\"height\": 0, \"width\": 28, \"channels\": 1}",
        "{\"height\": 28, \"width\": 28, \"channels\": 2}",
        "{\"height\": 28, \"width\": 28, \"channels\": 1, \"values\": \"complex\"}",
        "{\"height\": 28, \"width\": 28, \"channels\": 1, \"class_names\": [1]}",
        "{\"height\": 65536, \"width\": 65536, \"channels\": 3}", "{"};
    for (const std::string& json : bad)
        EXPECT_THROW((void)vae::DataDescription::fromJson(json), DataError) << json;
}
