#include "vae/dataset.h"
#include "vae/errors.h"
#include "vae/shapes.h"
#include "vae/user_dataset.h"
#include "vae/image_folder.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>

#include <zlib.h>

namespace vae {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803; // unsigned byte data, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801; // unsigned byte data, 1 dimension
// Guards against a corrupt header asking for an absurd allocation before the size check.
constexpr std::uint32_t kMaxImageSide = 4096;

std::string hex(std::uint32_t value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%08X", value);
    return buffer;
}

/// An IDX file's bytes, read in order from a plain file or through zlib from a ".gz" file. Only
/// a plain file's size is known before reading; a gzip stream's is known at its end.
class IdxFile {
public:
    explicit IdxFile(const std::filesystem::path& file) : m_path(file)
    {
        std::error_code ec;
        if (!std::filesystem::exists(file, ec))
            throw DataError(name() + ": file not found");
        if (std::filesystem::is_directory(file, ec))
            throw DataError(name() + ": is a directory, expected an IDX file");
        m_size = std::filesystem::file_size(file, ec);
        if (ec)
            throw DataError(name() + ": cannot read its size (" + ec.message() + ")");
        m_gzip = file.extension() == ".gz";
        if (m_gzip) {
            m_gz = gzopen(file.c_str(), "rb");
            if (!m_gz)
                throw DataError(name() + ": cannot be opened for reading");
            gzbuffer(m_gz, 1 << 16);
        } else {
            m_in.open(file, std::ios::binary);
            if (!m_in)
                throw DataError(name() + ": cannot be opened for reading");
        }
    }
    ~IdxFile()
    {
        if (m_gz)
            gzclose(m_gz);
    }
    IdxFile(const IdxFile&) = delete;
    IdxFile& operator=(const IdxFile&) = delete;

    [[nodiscard]] std::string name() const { return m_path.string(); }

    std::uint32_t readBigEndian32(const char* what)
    {
        std::array<unsigned char, 4> b{};
        if (read(b.data(), 4) != 4)
            throw DataError(name() + ": truncated header (" + sizeText() +
                            ", could not read the " + what + ")");
        return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) |
               (std::uint32_t(b[2]) << 8) | std::uint32_t(b[3]);
    }

    void expectMagic(std::uint32_t expected, const char* kind)
    {
        const std::uint32_t magic = readBigEndian32("magic number");
        if (magic != expected)
            throw DataError(name() + ": wrong magic number for an IDX " + kind + " file: expected " +
                            hex(expected) + ", found " + hex(magic));
    }

    /// Reads the body of `bodyBytes` after a `headerBytes` header into `out` (resized to it) and
    /// checks that nothing follows. A plain file's size is checked before anything is allocated;
    /// a gzip stream grows `out` only as data arrives, so a lying header cannot make it allocate
    /// more than the stream really holds.
    void readBody(std::vector<std::uint8_t>& out, std::uint64_t headerBytes,
                  std::uint64_t bodyBytes, const std::string& what)
    {
        const std::uint64_t expected = headerBytes + bodyBytes;
        if (!m_gzip) {
            if (m_size < expected)
                throw truncated(expected, m_size, what);
            if (m_size > expected)
                throw trailing(expected, m_size, what);
            out.resize(bodyBytes);
            if (read(out.data(), bodyBytes) != bodyBytes)
                throw DataError(name() + ": read error in the data section");
            return;
        }
        constexpr std::uint64_t kChunk = 1 << 24;
        out.clear();
        while (out.size() < bodyBytes) {
            const std::uint64_t want = std::min(kChunk, bodyBytes - out.size());
            const std::size_t at = out.size();
            out.resize(at + want);
            const std::uint64_t got = read(out.data() + at, want);
            if (got < want)
                throw truncated(expected, headerBytes + at + got, what);
        }
        std::array<unsigned char, 4096> extra{};
        std::uint64_t more = 0;
        while (const std::uint64_t got = read(extra.data(), extra.size()))
            more += got;
        if (more > 0)
            throw trailing(expected, expected + more, what);
    }

private:
    /// Reads up to `bytes`; returns how many were read. Throws DataError on a corrupt gzip stream.
    std::uint64_t read(void* out, std::uint64_t bytes)
    {
        if (!m_gzip) {
            m_in.read(static_cast<char*>(out), static_cast<std::streamsize>(bytes));
            return std::uint64_t(m_in.gcount());
        }
        std::uint64_t done = 0;
        while (done < bytes) {
            const unsigned want = unsigned(std::min<std::uint64_t>(bytes - done, 1u << 30));
            const int got = gzread(m_gz, static_cast<char*>(out) + done, want);
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(m_gz, &code);
                throw DataError(name() + ": corrupt gzip data (" + message + ")");
            }
            if (got == 0)
                break;
            done += std::uint64_t(got);
        }
        if (done < bytes) { // end of stream: a truncated gzip file ends early without an error
            int code = 0;
            const char* message = gzerror(m_gz, &code);
            if (code != Z_OK && code != Z_STREAM_END)
                throw DataError(name() + ": corrupt gzip data (" + message + ")");
        }
        return done;
    }

    [[nodiscard]] std::string sizeText() const
    {
        return m_gzip ? "the gzip stream holds fewer bytes"
                      : "file is " + std::to_string(m_size) + " bytes";
    }

    [[nodiscard]] std::string unit() const { return m_gzip ? " bytes uncompressed" : " bytes"; }

    DataError truncated(std::uint64_t expected, std::uint64_t actual, const std::string& what) const
    {
        return DataError(name() + ": truncated: the header declares " + what + " (" +
                         std::to_string(expected) + " bytes in all), but the file is " +
                         std::to_string(actual) + unit());
    }

    DataError trailing(std::uint64_t expected, std::uint64_t actual, const std::string& what) const
    {
        return DataError(name() + ": " + std::to_string(actual - expected) +
                         " unexpected bytes after the data: the header declares " + what + " (" +
                         std::to_string(expected) + " bytes in all), the file is " +
                         std::to_string(actual) + unit());
    }

    std::filesystem::path m_path;
    std::uintmax_t m_size = 0;
    bool m_gzip = false;
    std::ifstream m_in;
    gzFile m_gz = nullptr;
};

} // namespace

ImageSet ImageSet::head(int n) const
{
    if (n <= 0 || n >= count)
        return *this;
    ImageSet out;
    out.count = n;
    out.rows = rows;
    out.cols = cols;
    out.channels = channels;
    out.generator = generator;
    if (!isGenerated())
        out.pixels.assign(pixels.begin(), pixels.begin() + std::ptrdiff_t(n) * pixelsPerImage());
    out.labels.assign(labels.begin(), labels.begin() + std::min<std::ptrdiff_t>(n, std::ptrdiff_t(labels.size())));
    if (!factors.empty()) {
        const std::size_t perExample = factors.size() / std::size_t(count);
        out.factors.assign(factors.begin(), factors.begin() + std::ptrdiff_t(std::size_t(n) * perExample));
    }
    return out;
}

void ImageSet::gather(std::span<const std::int64_t> indices, std::span<float> out) const
{
    const int values = pixelsPerImage();
    if (values <= 0)
        throw std::invalid_argument("ImageSet::gather: the set has no values per example");
    const auto perExample = std::size_t(values);
    if (out.size() != indices.size() * perExample)
        throw std::invalid_argument("ImageSet::gather: the output holds " +
                                    std::to_string(out.size()) + " values, not " +
                                    std::to_string(indices.size()) + " examples of " +
                                    std::to_string(perExample));
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const std::int64_t i = indices[k];
        if (i < 0 || i >= count)
            throw std::out_of_range("ImageSet::gather: example " + std::to_string(i) +
                                    " is outside [0, " + std::to_string(count) + ")");
        const std::span<float> target = out.subspan(k * perExample, perExample);
        if (generator)
            generator->fill(i, target);
        else
            std::memcpy(target.data(), pixels.data() + std::size_t(i) * perExample,
                        perExample * sizeof(float));
    }
}

IdxImages readIdxImages(const std::filesystem::path& file)
{
    IdxFile in(file);
    in.expectMagic(kImagesMagic, "image");
    const std::uint32_t count = in.readBigEndian32("image count");
    const std::uint32_t rows = in.readBigEndian32("row count");
    const std::uint32_t cols = in.readBigEndian32("column count");
    if (count == 0 || rows == 0 || cols == 0 || rows > kMaxImageSide || cols > kMaxImageSide)
        throw DataError(in.name() + ": implausible dimensions " + std::to_string(count) + " × " +
                        std::to_string(rows) + " × " + std::to_string(cols) +
                        " (expected count ≥ 1 and 1 ≤ rows, cols ≤ " +
                        std::to_string(kMaxImageSide) + ")");
    // IdxImages::count is an int; an IDX file that large (> 2 GB) is not one this program uses.
    if (count > std::uint32_t(std::numeric_limits<int>::max()))
        throw DataError(in.name() + ": the header declares " + std::to_string(count) +
                        " images, more than the " +
                        std::to_string(std::numeric_limits<int>::max()) + " supported");
    const std::uint64_t body = std::uint64_t(count) * rows * cols;
    IdxImages images;
    images.count = static_cast<int>(count);
    images.rows = static_cast<int>(rows);
    images.cols = static_cast<int>(cols);
    in.readBody(images.bytes, 16, body,
                std::to_string(count) + " images of " + std::to_string(rows) + "×" +
                    std::to_string(cols) + " pixels");
    return images;
}

std::vector<std::uint8_t> readIdxLabels(const std::filesystem::path& file)
{
    IdxFile in(file);
    in.expectMagic(kLabelsMagic, "label");
    const std::uint32_t count = in.readBigEndian32("label count");
    if (count == 0)
        throw DataError(in.name() + ": the header declares 0 labels");
    if (count > std::uint32_t(std::numeric_limits<int>::max()))
        throw DataError(in.name() + ": the header declares " + std::to_string(count) +
                        " labels, more than the " +
                        std::to_string(std::numeric_limits<int>::max()) + " supported");
    std::vector<std::uint8_t> labels;
    in.readBody(labels, 8, count, std::to_string(count) + " labels");
    return labels;
}

ImageSet loadImageSet(const std::filesystem::path& imagesFile,
                      const std::filesystem::path& labelsFile, int classCount)
{
    IdxImages images = readIdxImages(imagesFile);
    std::vector<std::uint8_t> labels = readIdxLabels(labelsFile);
    if (labels.size() != static_cast<std::size_t>(images.count))
        throw DataError(imagesFile.string() + " holds " + std::to_string(images.count) +
                        " images but " + labelsFile.string() + " holds " +
                        std::to_string(labels.size()) + " labels; expected equal counts");
    if (classCount > 0)
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] >= classCount)
                throw DataError(labelsFile.string() + ": label " + std::to_string(i) + " is " +
                                std::to_string(labels[i]) + ", but the dataset's classes are 0–" +
                                std::to_string(classCount - 1));
    ImageSet set;
    set.count = images.count;
    set.rows = images.rows;
    set.cols = images.cols;
    set.labels = std::move(labels);
    set.pixels.resize(images.bytes.size());
    for (std::size_t i = 0; i < images.bytes.size(); ++i)
        set.pixels[i] = static_cast<float>(images.bytes[i]) * (1.0f / 255.0f);
    return set;
}

namespace {

/// The four IDX files of an MNIST-format dataset in `dir`, each name followed by `suffix`.
Dataset loadIdxDataset(const std::filesystem::path& dir, DataDescription description,
                       const std::string& suffix, const std::string& fetchHint)
{
    const std::string& what = description.name;
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
        throw DataError(what + " data directory " + dir.string() +
                        " is a file, not a directory: give the directory that holds the four "
                        "IDX files (" +
                        kTrainImagesFile + suffix + ", …)");
    if (!std::filesystem::is_directory(dir, ec))
        throw DataError(what + " data directory " + dir.string() + " does not exist. " +
                        fetchHint);
    for (const char* name : {kTrainImagesFile, kTrainLabelsFile, kTestImagesFile, kTestLabelsFile})
        if (!std::filesystem::exists(dir / (name + suffix), ec))
            throw DataError(what + " file " + (dir / (name + suffix)).string() + " is missing. " +
                            fetchHint);
    Dataset data;
    const int classes = description.classCount();
    data.train = loadImageSet(dir / (kTrainImagesFile + suffix),
                              dir / (kTrainLabelsFile + suffix), classes);
    data.test = loadImageSet(dir / (kTestImagesFile + suffix), dir / (kTestLabelsFile + suffix),
                             classes);
    if (data.train.rows != data.test.rows || data.train.cols != data.test.cols)
        throw DataError(what + " in " + dir.string() + ": training images are " +
                        std::to_string(data.train.rows) + "×" + std::to_string(data.train.cols) +
                        " but test images are " + std::to_string(data.test.rows) + "×" +
                        std::to_string(data.test.cols));
    if (data.train.rows != description.height || data.train.cols != description.width)
        throw DataError(what + " in " + dir.string() + ": expected " +
                        std::to_string(description.height) + "×" +
                        std::to_string(description.width) + " images, found " +
                        std::to_string(data.train.rows) + "×" + std::to_string(data.train.cols));
    data.description = std::move(description);
    return data;
}

/// splitmix64 (Steele, Lea & Flood 2014): a 64-bit mix with full avalanche, used as a
/// counter-based generator.
constexpr std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

void checkUnitInterval(const ImageSet& set, const std::string& which)
{
    for (std::size_t i = 0; i < set.pixels.size(); ++i)
        if (!(set.pixels[i] >= 0.0f && set.pixels[i] <= 1.0f))
            throw DataError("cannot binarize the " + which + " set: value " + std::to_string(i) +
                            " is " + std::to_string(set.pixels[i]) + ", outside [0, 1]");
}

} // namespace

Dataset loadMnist(const std::filesystem::path& dir)
{
    return loadIdxDataset(dir, DataDescription::mnist(), "",
                          "Fetch MNIST with: " + fetchCommand(dir));
}

Dataset loadFashionMnist(const std::filesystem::path& dir)
{
    DataDescription d;
    d.name = "Fashion-MNIST";
    d.source = "fashion-mnist";
    d.height = 28;
    d.width = 28;
    d.values = ValueKind::UnitInterval;
    d.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return loadIdxDataset(dir, std::move(d), ".gz",
                          "Install it with: sudo apt-get install dataset-fashion-mnist");
}

void binarizeInto(std::span<const float> grey, std::span<float> out, std::uint64_t seed,
                  std::uint64_t offset)
{
    if (grey.size() != out.size())
        throw std::invalid_argument("binarizeInto: " + std::to_string(grey.size()) +
                                    " values in, room for " + std::to_string(out.size()));
    const std::uint64_t key = splitmix64(seed);
    for (std::size_t i = 0; i < grey.size(); ++i) {
        // The top 24 bits as a float in [0, 1): exact, and u < v is then exact for any v.
        const float u = float(splitmix64(key ^ (offset + i)) >> 40) * 0x1p-24f;
        out[i] = u < grey[i] ? 1.0f : 0.0f;
    }
}

Dataset binarize(Dataset grey, Binarization protocol, std::uint64_t seed)
{
    if (grey.description.values != ValueKind::UnitInterval)
        throw DataError("cannot binarize " + grey.description.name + ": its values are " +
                        std::string(valueKindName(grey.description.values)) +
                        ", not grey levels in [0, 1]");
    checkUnitInterval(grey.train, "training");
    checkUnitInterval(grey.test, "test");
    const bool dynamic = protocol == Binarization::Dynamic;
    // Different streams for the two sets: the test set's sample must not repeat the first
    // training images' sample.
    binarizeInto(grey.test.pixels, grey.test.pixels, splitmix64(seed ^ 0x7E57ULL));
    if (!dynamic)
        binarizeInto(grey.train.pixels, grey.train.pixels, seed);
    DataDescription& d = grey.description;
    d.name = "Binarized " + d.name + (dynamic ? " (dynamic)" : " (static)");
    d.values = ValueKind::Binary;
    d.dynamicBinarization = dynamic;
    return grey;
}

const std::vector<std::string>& builtinDatasetSpecs()
{
    static const std::vector<std::string> specs{"mnist", "fashion-mnist",
                                                "binarized-mnist:dynamic",
                                                "binarized-mnist:static", "shapes"};
    return specs;
}

Dataset loadDataset(std::string_view spec, const DataLocations& locations)
{
    const std::filesystem::path mnistDir =
        locations.mnist.empty() ? defaultDataDir() : locations.mnist;
    if (isUserDataSpec(spec))
        return loadUserDataset(spec);
    Dataset data;
    if (spec == "mnist") {
        data = loadMnist(mnistDir);
    } else if (spec == "fashion-mnist") {
        data = loadFashionMnist(locations.fashionMnist.empty() ? kFashionMnistDir
                                                               : locations.fashionMnist);
    } else if (spec == "binarized-mnist:dynamic" || spec == "binarized-mnist:static") {
        data = binarize(loadMnist(mnistDir),
                        spec.ends_with("dynamic") ? Binarization::Dynamic : Binarization::Static,
                        kBinarizationSeed);
    } else if (spec == "shapes") {
        data = loadShapes();
    } else if (const std::optional<ImageFolderSpec> folder = parseImageFolderSpec(spec)) {
        ImageFolderOptions options;
        options.size = folder->size;
        data = loadImageFolder(folder->root, options).data;
    } else {
        std::string known;
        for (const std::string& s : builtinDatasetSpecs())
            known += (known.empty() ? "" : ", ") + s;
        throw DataError("unknown dataset \"" + std::string(spec) + "\": expected one of " + known +
                        ", csv:PATH[:label=COLUMN], npy:PATH or folder:PATH[:size=N] (a folder of images)");
    }
    data.description.source = std::string(spec);
    return data;
}

std::filesystem::path defaultDataDir()
{
    if (const char* explicitDir = std::getenv("VAE_EXPLORER_DATA"); explicitDir && *explicitDir)
        return explicitDir;
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::current_path();
    return base / "vae-explorer" / "mnist";
}

std::string fetchCommand(const std::filesystem::path& dir)
{
    return "bash " + (std::filesystem::path(VAE_SOURCE_DIR) / "scripts" / "fetch-mnist.sh").string() +
           " '" + dir.string() + "'";
}

} // namespace vae
