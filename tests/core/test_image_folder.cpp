// Image folders: real PNG, JPEG and broken files written to a temporary folder, loaded, and the
// pixels, labels, split, skip list, cache and cancel checked.

#include "test_support.h"
#include "vae/dataset.h"
#include "vae/errors.h"
#include "vae/image_folder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include <stb_image_write.h>
#include <unistd.h>

namespace fs = std::filesystem;
using vae::DataError;

namespace {

/// A fresh folder, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "vae-folder-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

using Bytes = std::vector<std::uint8_t>;

void writePng(const fs::path& file, int width, int height, int channels, const Bytes& pixels)
{
    fs::create_directories(file.parent_path());
    ASSERT_EQ(pixels.size(), std::size_t(width * height * channels));
    ASSERT_NE(stbi_write_png(file.c_str(), width, height, channels, pixels.data(),
                             width * channels),
              0)
        << file;
}

/// A grey image whose first pixel is `id` (so a loaded image can be matched to its file) and
/// whose others follow a pattern that differs between images.
Bytes greyPattern(int id, int side)
{
    Bytes p(std::size_t(side * side));
    p[0] = std::uint8_t(id);
    for (int j = 1; j < side * side; ++j)
        p[std::size_t(j)] = std::uint8_t((id * 13 + j * 5) % 256);
    return p;
}

/// The loaded images of `set` as bytes (value · 255, rounded), one vector each.
std::vector<Bytes> asBytes(const vae::ImageSet& set)
{
    std::vector<Bytes> out;
    const int n = set.pixelsPerImage();
    for (int i = 0; i < set.count; ++i) {
        Bytes b(static_cast<std::size_t>(n));
        for (int j = 0; j < n; ++j)
            b[std::size_t(j)] =
                std::uint8_t(std::lround(set.pixels[std::size_t(i * n + j)] * 255.0f));
        out.push_back(std::move(b));
    }
    return out;
}

vae::ImageFolderOptions noCache(int size = 0)
{
    vae::ImageFolderOptions o;
    o.size = size;
    o.useCache = false;
    return o;
}

using vae::test::errorOf;

/// classes a (12 images) and b (8 images) of 8×8 grey PNGs; image k of class c has id 20·c + k.
void writeTwoGreyClasses(const fs::path& root)
{
    for (int k = 0; k < 12; ++k)
        writePng(root / "a" / ("img" + std::to_string(k) + ".png"), 8, 8, 1, greyPattern(k, 8));
    for (int k = 0; k < 8; ++k)
        writePng(root / "b" / ("img" + std::to_string(k) + ".png"), 8, 8, 1,
                 greyPattern(20 + k, 8));
}

} // namespace

TEST(ImageFolder, GreyPngsLoadExactlyWithClassesFromSubfolders)
{
    TempDir dir;
    const fs::path root = dir.path() / "digits";
    writeTwoGreyClasses(root);
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    ASSERT_FALSE(r.cancelled);
    EXPECT_TRUE(r.skipped.empty());
    EXPECT_FALSE(r.splitFromFolders);
    const vae::DataDescription& d = r.data.description;
    EXPECT_EQ(d.name, "digits");
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(d.height, 8);
    EXPECT_EQ(d.width, 8);
    EXPECT_EQ(d.channels, 1);
    EXPECT_EQ(d.values, vae::ValueKind::UnitInterval);
    // 10 % of each class held out: round(1.2) = 1 of a, round(0.8) = 1 of b.
    EXPECT_EQ(r.data.train.count, 18);
    EXPECT_EQ(r.data.test.count, 2);
    EXPECT_EQ(r.data.test.labels, (std::vector<std::uint8_t>{0, 1}));
    // Every file is loaded exactly once, with its label, and with its exact bytes / 255.
    std::set<int> seen;
    for (const vae::ImageSet* set : {&r.data.train, &r.data.test}) {
        ASSERT_EQ(set->rows, 8);
        ASSERT_EQ(set->channels, 1);
        const std::vector<Bytes> images = asBytes(*set);
        for (int i = 0; i < set->count; ++i) {
            const int id = images[std::size_t(i)][0];
            EXPECT_TRUE(seen.insert(id).second) << "image " << id << " loaded twice";
            EXPECT_EQ(set->labels[std::size_t(i)], id < 20 ? 0 : 1);
            EXPECT_EQ(images[std::size_t(i)], greyPattern(id, 8));
            for (int j = 0; j < 64; ++j) // exact: byte / 255 in float
                ASSERT_EQ(set->pixels[std::size_t(i * 64 + j)],
                          float(greyPattern(id, 8)[std::size_t(j)]) * (1.0f / 255.0f));
        }
    }
    EXPECT_EQ(seen.size(), 20u);

    // One decoding thread or several: the same dataset.
    for (int threads : {1, 3}) {
        vae::ImageFolderOptions o = noCache();
        o.threads = threads;
        const vae::ImageFolderResult other = vae::loadImageFolder(root, o);
        EXPECT_EQ(other.data.train.pixels, r.data.train.pixels) << threads << " threads";
        EXPECT_EQ(other.data.test.labels, r.data.test.labels) << threads << " threads";
    }
}

TEST(ImageFolder, RgbWithEqualChannelsIsGreyAndOneColourImageMakesAllRgb)
{
    TempDir dir;
    const fs::path root = dir.path() / "pictures";
    // RGB files whose R = G = B: still a grey dataset.
    for (int k = 0; k < 4; ++k) {
        Bytes rgb;
        for (std::uint8_t v : greyPattern(k, 4))
            rgb.insert(rgb.end(), 3, v);
        writePng(root / "x" / ("g" + std::to_string(k) + ".png"), 4, 4, 3, rgb);
    }
    EXPECT_EQ(vae::loadImageFolder(root, noCache()).data.description.channels, 1);

    // One colour image (RGBA: the alpha is dropped) makes the dataset RGB; grey ones get R = G = B.
    Bytes rgba(4 * 4 * 4);
    for (int p = 0; p < 16; ++p) {
        rgba[std::size_t(4 * p)] = 200;
        rgba[std::size_t(4 * p + 1)] = std::uint8_t(p);
        rgba[std::size_t(4 * p + 2)] = 10;
        rgba[std::size_t(4 * p + 3)] = 7; // nearly transparent: ignored
    }
    writePng(root / "y" / "colour.png", 4, 4, 4, rgba);
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    EXPECT_EQ(r.data.description.channels, 3);
    EXPECT_EQ(r.data.description.classNames, (std::vector<std::string>{"x", "y"}));
    int colourImages = 0;
    for (const vae::ImageSet* set : {&r.data.train, &r.data.test}) {
        const std::vector<Bytes> images = asBytes(*set);
        for (int i = 0; i < set->count; ++i) {
            const Bytes& b = images[std::size_t(i)];
            ASSERT_EQ(b.size(), 48u);
            if (set->labels[std::size_t(i)] == 1) {
                ++colourImages;
                for (int p = 0; p < 16; ++p) {
                    EXPECT_EQ(b[std::size_t(3 * p)], 200);
                    EXPECT_EQ(b[std::size_t(3 * p + 1)], p);
                    EXPECT_EQ(b[std::size_t(3 * p + 2)], 10);
                }
            } else {
                const Bytes grey = greyPattern(b[0], 4);
                for (int p = 0; p < 16; ++p)
                    for (int c = 0; c < 3; ++c)
                        EXPECT_EQ(b[std::size_t(3 * p + c)], grey[std::size_t(p)]);
            }
        }
    }
    EXPECT_EQ(colourImages, 1);
}

TEST(ImageFolder, HalvingAveragesTwoByTwoBlocks)
{
    TempDir dir;
    const fs::path root = dir.path() / "half";
    // A 16×16 image of random-looking values, and a second one so that there is a test image.
    Bytes big(256);
    for (int j = 0; j < 256; ++j)
        big[std::size_t(j)] = std::uint8_t((j * 97 + 31) % 251);
    writePng(root / "c" / "big.png", 16, 16, 1, big);
    writePng(root / "c" / "other.png", 16, 16, 1, Bytes(256, 0));
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache(8));
    ASSERT_EQ(r.data.description.height, 8);
    const vae::ImageSet& set = r.data.train.count == 1 && r.data.train.pixels[0] > 0
                                   ? r.data.train
                                   : r.data.test;
    ASSERT_EQ(set.pixelsPerImage(), 64);
    double mean = 0, expectedMean = 0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            const auto at = [&](int yy, int xx) { return double(big[std::size_t(yy * 16 + xx)]); };
            const double block =
                (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) +
                 at(2 * y + 1, 2 * x + 1)) / 4.0 / 255.0;
            const double got = set.pixels[std::size_t(y * 8 + x)];
            EXPECT_NEAR(got, block, 1.0 / 255.0) << "pixel " << y << "," << x;
            mean += got / 64;
            expectedMean += block / 64;
        }
    EXPECT_NEAR(mean, expectedMean, 0.5 / 255.0);
}

TEST(ImageFolder, DefaultSizeIsTheMostCommonShorterSideAndWideImagesAreCentreCropped)
{
    TempDir dir;
    const fs::path root = dir.path() / "sizes";
    for (int k = 0; k < 3; ++k)
        writePng(root / "s" / ("small" + std::to_string(k) + ".png"), 6, 6, 1,
                 greyPattern(k, 6));
    // 10 wide × 6 tall: its centred 6×6 square is columns 2–7.
    Bytes wide(60);
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 10; ++x)
            wide[std::size_t(y * 10 + x)] = std::uint8_t(x == 2 ? 255 : x == 7 ? 128 : x < 2 || x > 7 ? 50 : 0);
    writePng(root / "w" / "wide.png", 10, 6, 1, wide);
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    EXPECT_EQ(r.data.description.height, 6);
    bool found = false;
    for (const vae::ImageSet* set : {&r.data.train, &r.data.test})
        for (int i = 0; i < set->count; ++i)
            if (set->labels[std::size_t(i)] == 1) {
                found = true;
                const std::vector<Bytes> images = asBytes(*set);
                for (int y = 0; y < 6; ++y) {
                    EXPECT_EQ(images[std::size_t(i)][std::size_t(y * 6)], 255);
                    EXPECT_EQ(images[std::size_t(i)][std::size_t(y * 6 + 5)], 128);
                    EXPECT_EQ(images[std::size_t(i)][std::size_t(y * 6 + 2)], 0);
                }
            }
    EXPECT_TRUE(found);

    // 40 images of 100×100 would give 100: the default is capped at 64.
    const fs::path large = dir.path() / "large";
    for (int k = 0; k < 2; ++k)
        writePng(large / "l" / ("i" + std::to_string(k) + ".png"), 100, 100, 1, Bytes(10000, 9));
    EXPECT_EQ(vae::loadImageFolder(large, noCache()).data.description.height,
              vae::kMaxDefaultFolderImageSize);
    EXPECT_EQ(vae::loadImageFolder(large, noCache(100)).data.description.height, 100);
    EXPECT_NE(errorOf([&] { (void)vae::loadImageFolder(large, noCache(257)); })
                  .find("image size 257 is out of range: expected 1 to 256"),
              std::string::npos);
}

TEST(ImageFolder, TrainAndTestSubfoldersGiveTheSplit)
{
    TempDir dir;
    const fs::path root = dir.path() / "split";
    for (int k = 0; k < 5; ++k)
        writePng(root / "train" / "cat" / ("c" + std::to_string(k) + ".png"), 4, 4, 1,
                 greyPattern(k, 4));
    for (int k = 0; k < 3; ++k)
        writePng(root / "train" / "dog" / ("d" + std::to_string(k) + ".png"), 4, 4, 1,
                 greyPattern(10 + k, 4));
    writePng(root / "test" / "dog" / "t0.png", 4, 4, 1, greyPattern(20, 4));
    writePng(root / "test" / "dog" / "t1.png", 4, 4, 1, greyPattern(21, 4));
    writePng(root / "loose.png", 4, 4, 1, greyPattern(30, 4));
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    EXPECT_TRUE(r.splitFromFolders);
    EXPECT_EQ(r.data.description.classNames, (std::vector<std::string>{"cat", "dog"}));
    EXPECT_EQ(r.data.train.count, 8);
    EXPECT_EQ(r.data.train.labels, (std::vector<std::uint8_t>{0, 0, 0, 0, 0, 1, 1, 1}));
    EXPECT_EQ(r.data.test.count, 2);
    EXPECT_EQ(r.data.test.labels, (std::vector<std::uint8_t>{1, 1}));
    EXPECT_EQ(asBytes(r.data.test)[0], greyPattern(20, 4));
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].path, fs::path("loose.png"));
    EXPECT_EQ(r.skipped[0].reason, "outside train/ and test/");
}

TEST(ImageFolder, DrawnSplitIsSeededAndStratified)
{
    TempDir dir;
    const fs::path root = dir.path() / "seeded";
    for (int k = 0; k < 30; ++k)
        writePng(root / "many" / ("m" + std::to_string(k) + ".png"), 4, 4, 1, greyPattern(k, 4));
    writePng(root / "one" / "only.png", 4, 4, 1, greyPattern(100, 4));
    const auto testIds = [&](std::uint64_t seed) {
        vae::ImageFolderOptions o = noCache();
        o.splitSeed = seed;
        const vae::ImageFolderResult r = vae::loadImageFolder(root, o);
        EXPECT_EQ(r.data.train.count, 28); // 27 of "many" and the single "one"
        std::vector<int> ids;
        for (const Bytes& b : asBytes(r.data.test))
            ids.push_back(b[0]);
        return ids;
    };
    const std::vector<int> first = testIds(vae::kDefaultFolderSplitSeed);
    EXPECT_EQ(first.size(), 3u); // round(30 × 0.1); a class of one stays in training
    EXPECT_EQ(testIds(vae::kDefaultFolderSplitSeed), first);
    EXPECT_NE(testIds(12345), first);

    vae::ImageFolderOptions quarter = noCache();
    quarter.testFraction = 0.25;
    EXPECT_EQ(vae::loadImageFolder(root, quarter).data.test.count, 8); // round(7.5)
}

TEST(ImageFolder, BadFilesAreSkippedAndListed)
{
    TempDir dir;
    const fs::path root = dir.path() / "bad";
    writeTwoGreyClasses(root);
    std::ofstream(root / "a" / "empty.png").close();
    std::ofstream(root / "a" / "text.png") << "this is not an image\n";
    {
        std::ifstream in(root / "a" / "img0.png", std::ios::binary);
        const std::string whole((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(root / "b" / "truncated.png", std::ios::binary)
            << whole.substr(0, whole.size() / 2);
        // A header that claims 20000 pixels wide (stb ignores the chunk CRC).
        std::string huge = whole;
        huge[16] = 0;
        huge[17] = 0;
        huge[18] = char(20000 >> 8);
        huge[19] = char(20000 & 0xFF);
        std::ofstream(root / "b" / "huge.png", std::ios::binary) << huge;
    }
    // 65 MB (sparse: nothing is written): refused by its size, never read.
    std::ofstream(root / "b" / "big.png").close();
    fs::resize_file(root / "b" / "big.png", 65u << 20);
    std::ofstream(root / "a" / "notes.txt") << "ignored: not an image name\n";
    std::ofstream(root / "a" / ".hidden.png") << "ignored: hidden\n";
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    EXPECT_EQ(r.data.train.count + r.data.test.count, 20);
    ASSERT_EQ(r.skipped.size(), 5u);
    std::map<std::string, std::string> reasons;
    for (const vae::SkippedFile& s : r.skipped)
        reasons[s.path.generic_string()] = s.reason;
    EXPECT_EQ(reasons["a/empty.png"], "empty file (0 bytes)");
    EXPECT_NE(reasons["a/text.png"].find("not an image"), std::string::npos) << reasons["a/text.png"];
    EXPECT_NE(reasons["b/truncated.png"].find("corrupt or truncated"), std::string::npos)
        << reasons["b/truncated.png"];
    EXPECT_EQ(reasons["b/huge.png"], "20000×8 pixels: more than 16384 on a side");
    EXPECT_EQ(reasons["b/big.png"], "larger than 64 MB (68157440 bytes)");
}

TEST(ImageFolder, FoldersWithoutImagesAreRefusedByName)
{
    TempDir dir;
    const fs::path empty = dir.path() / "nothing-here";
    fs::create_directories(empty / "classA");
    std::ofstream(empty / "classA" / "readme.txt") << "no images\n";
    std::string message = errorOf([&] { (void)vae::loadImageFolder(empty, noCache()); });
    EXPECT_NE(message.find(empty.string() + " holds no images"), std::string::npos) << message;

    message = errorOf([&] { (void)vae::loadImageFolder(dir.path() / "missing", noCache()); });
    EXPECT_NE(message.find((dir.path() / "missing").string() + " does not exist"),
              std::string::npos)
        << message;

    const fs::path broken = dir.path() / "broken";
    fs::create_directories(broken / "c");
    std::ofstream(broken / "c" / "x.png") << "junk";
    std::ofstream(broken / "c" / "y.png") << "junk";
    message = errorOf([&] { (void)vae::loadImageFolder(broken, noCache()); });
    EXPECT_NE(message.find(broken.string() + " holds 0 usable images (2 files skipped, e.g. "),
              std::string::npos)
        << message;
}

TEST(ImageFolder, ImagesDirectlyInTheFolderAreOneClassNamedAfterIt)
{
    TempDir dir;
    const fs::path root = dir.path() / "holiday";
    for (int k = 0; k < 3; ++k)
        writePng(root / ("p" + std::to_string(k) + ".png"), 4, 4, 1, greyPattern(k, 4));
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    EXPECT_EQ(r.data.description.classNames, (std::vector<std::string>{"holiday"}));
    EXPECT_EQ(r.data.train.count, 2);
    EXPECT_EQ(r.data.test.count, 1);
}

TEST(ImageFolder, JpegIsReadAsColour)
{
    TempDir dir;
    const fs::path root = dir.path() / "jpegs";
    for (int k = 0; k < 2; ++k) {
        Bytes rgb(16 * 16 * 3);
        for (std::size_t p = 0; p < rgb.size(); p += 3) {
            rgb[p] = 220;
            rgb[p + 1] = 60;
            rgb[p + 2] = std::uint8_t(100 + 20 * k);
        }
        fs::create_directories(root / "j");
        ASSERT_NE(stbi_write_jpg((root / "j" / ("i" + std::to_string(k) + ".JPG")).c_str(), 16, 16,
                                 3, rgb.data(), 95),
                  0);
    }
    const vae::ImageFolderResult r = vae::loadImageFolder(root, noCache());
    ASSERT_EQ(r.data.description.channels, 3);
    const vae::ImageSet& s = r.data.train;
    double red = 0;
    for (int p = 0; p < 256; ++p)
        red += s.pixels[std::size_t(3 * p)] / 256.0;
    EXPECT_NEAR(red, 220.0 / 255.0, 3.0 / 255.0); // JPEG is lossy
}

TEST(ImageFolder, CacheIsUsedOnTheSecondOpenAndRebuiltWhenCorruptOrStale)
{
    TempDir dir;
    const fs::path root = dir.path() / "cached";
    writeTwoGreyClasses(root);
    std::ofstream(root / "a" / "empty.png").close();
    vae::ImageFolderOptions o;
    o.cacheDir = dir.path() / "cache";
    const vae::ImageFolderResult first = vae::loadImageFolder(root, o);
    EXPECT_FALSE(first.fromCache);
    EXPECT_EQ(first.cacheNote, "rebuilt (no cache file yet)");
    ASSERT_TRUE(fs::exists(first.cacheFile));
    EXPECT_EQ(first.cacheFile.parent_path(), o.cacheDir);
    // 1 byte per value: the file is little more than the pixels.
    EXPECT_LT(fs::file_size(first.cacheFile), 20u * 64u + 1024u);

    const vae::ImageFolderResult second = vae::loadImageFolder(root, o);
    EXPECT_TRUE(second.fromCache);
    EXPECT_EQ(second.cacheNote, "");
    EXPECT_EQ(second.data.train.pixels, first.data.train.pixels);
    EXPECT_EQ(second.data.test.pixels, first.data.test.pixels);
    EXPECT_EQ(second.data.train.labels, first.data.train.labels);
    EXPECT_EQ(second.data.description, first.data.description);
    ASSERT_EQ(second.skipped.size(), 1u);
    EXPECT_EQ(second.skipped[0].reason, "empty file (0 bytes)");

    // One flipped byte in the pixels: detected, rebuilt, the same images.
    {
        std::fstream f(first.cacheFile, std::ios::in | std::ios::out | std::ios::binary);
        const auto at = std::streamoff(fs::file_size(first.cacheFile) - 100);
        f.seekg(at);
        const char byte = char(f.get());
        f.seekp(at);
        f.put(char(byte ^ 0xFF));
    }
    const vae::ImageFolderResult corrupt = vae::loadImageFolder(root, o);
    EXPECT_FALSE(corrupt.fromCache);
    EXPECT_EQ(corrupt.cacheNote, "rebuilt (corrupt: checksum mismatch)");
    EXPECT_EQ(corrupt.data.train.pixels, first.data.train.pixels);
    EXPECT_TRUE(vae::loadImageFolder(root, o).fromCache);

    // Truncated.
    fs::resize_file(first.cacheFile, fs::file_size(first.cacheFile) - 10);
    const vae::ImageFolderResult truncated = vae::loadImageFolder(root, o);
    EXPECT_FALSE(truncated.fromCache);
    EXPECT_NE(truncated.cacheNote.find("corrupt: "), std::string::npos) << truncated.cacheNote;

    // A file changed (new content and size): the cache is stale, the new pixels are read.
    writePng(root / "b" / "img0.png", 8, 8, 1, Bytes(64, 77));
    const vae::ImageFolderResult changed = vae::loadImageFolder(root, o);
    EXPECT_FALSE(changed.fromCache);
    EXPECT_EQ(changed.cacheNote, "rebuilt (the folder's files changed)");
    const auto all = asBytes(changed.data.train);
    const auto test = asBytes(changed.data.test);
    const auto has77 = [](const Bytes& b) { return b == Bytes(64, 77); };
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), has77) ||
                std::any_of(test.begin(), test.end(), has77));

    // Another size is another cache file.
    vae::ImageFolderOptions four = o;
    four.size = 4;
    const vae::ImageFolderResult small = vae::loadImageFolder(root, four);
    EXPECT_NE(small.cacheFile, first.cacheFile);
    EXPECT_EQ(small.data.description.height, 4);

    // Turned off by the environment.
    ::setenv("VAE_EXPLORER_NO_CACHE", "1", 1);
    const vae::ImageFolderResult off = vae::loadImageFolder(root, o);
    ::unsetenv("VAE_EXPLORER_NO_CACHE");
    EXPECT_FALSE(off.fromCache);
    EXPECT_TRUE(off.cacheFile.empty());
}

TEST(ImageFolder, ProgressReportsAndCancelStops)
{
    TempDir dir;
    const fs::path root = dir.path() / "progress";
    writeTwoGreyClasses(root);
    vae::ImageFolderOptions o;
    o.cacheDir = dir.path() / "cache";

    int calls = 0;
    const vae::ImageFolderResult cancelled =
        vae::loadImageFolder(root, o, [&](int, int) { return ++calls < 2; });
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_EQ(cancelled.data.train.count, 0);
    EXPECT_TRUE(cancelled.data.train.pixels.empty());
    EXPECT_FALSE(fs::exists(o.cacheDir)) << "a cancelled load must not write a cache";

    std::vector<std::pair<int, int>> reports;
    const vae::ImageFolderResult done = vae::loadImageFolder(root, o, [&](int d, int t) {
        reports.emplace_back(d, t);
        return true;
    });
    EXPECT_FALSE(done.cancelled);
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.front(), (std::pair<int, int>{0, 20}));
    EXPECT_EQ(reports.back(), (std::pair<int, int>{20, 20}));
    for (const auto& [d, t] : reports)
        EXPECT_LE(d, t);
}

TEST(ImageFolder, SpecParsesPathSizeAndLoadsThroughLoadDataset)
{
    EXPECT_EQ(vae::parseImageFolderSpec("mnist"), std::nullopt);
    const auto plain = vae::parseImageFolderSpec("folder:/data/my:pics");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->root, fs::path("/data/my:pics"));
    EXPECT_EQ(plain->size, 0);
    const auto sized = vae::parseImageFolderSpec("folder:/data/my:pics:size=32");
    ASSERT_TRUE(sized);
    EXPECT_EQ(sized->root, fs::path("/data/my:pics"));
    EXPECT_EQ(sized->size, 32);
    EXPECT_EQ(vae::imageFolderSpec(*sized), "folder:/data/my:pics:size=32");
    for (const char* bad : {"folder:x:size=0", "folder:x:size=257", "folder:x:size=abc",
                            "folder:x:size=", "folder:", "folder::size=8"})
        EXPECT_THROW((void)vae::parseImageFolderSpec(bad), DataError) << bad;

    TempDir dir;
    const fs::path root = dir.path() / "spec";
    writeTwoGreyClasses(root);
    ::setenv("VAE_EXPLORER_NO_CACHE", "1", 1);
    const std::string spec = "folder:" + root.string() + ":size=4";
    const vae::Dataset d = vae::loadDataset(spec);
    ::unsetenv("VAE_EXPLORER_NO_CACHE");
    EXPECT_EQ(d.description.source, spec);
    EXPECT_EQ(d.description.name, "spec");
    EXPECT_EQ(d.description.inputSize(), 16);
    EXPECT_EQ(d.train.count + d.test.count, 20);
}
