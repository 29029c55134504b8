#include "vae/dataset.h"
#include "vae/errors.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <limits>

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
        m_in.open(file, std::ios::binary);
        if (!m_in)
            throw DataError(name() + ": cannot be opened for reading");
    }

    [[nodiscard]] std::string name() const { return m_path.string(); }
    [[nodiscard]] std::uintmax_t size() const { return m_size; }

    std::uint32_t readBigEndian32(const char* what)
    {
        std::array<unsigned char, 4> b{};
        if (!m_in.read(reinterpret_cast<char*>(b.data()), 4))
            throw DataError(name() + ": truncated header (file is " + std::to_string(m_size) +
                            " bytes, could not read the " + what + ")");
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

    void expectBodySize(std::uint64_t headerBytes, std::uint64_t bodyBytes, const std::string& what)
    {
        const std::uint64_t expected = headerBytes + bodyBytes;
        if (m_size < expected)
            throw DataError(name() + ": truncated: the header declares " + what + " (" +
                            std::to_string(expected) + " bytes in all), but the file is " +
                            std::to_string(m_size) + " bytes");
        if (m_size > expected)
            throw DataError(name() + ": " + std::to_string(m_size - expected) +
                            " unexpected bytes after the data: the header declares " + what + " (" +
                            std::to_string(expected) + " bytes in all), the file is " +
                            std::to_string(m_size) + " bytes");
    }

    void readBody(std::uint8_t* out, std::uint64_t bytes)
    {
        if (!m_in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(bytes)))
            throw DataError(name() + ": read error in the data section");
    }

private:
    std::filesystem::path m_path;
    std::uintmax_t m_size = 0;
    std::ifstream m_in;
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
    out.pixels.assign(pixels.begin(), pixels.begin() + std::ptrdiff_t(n) * pixelsPerImage());
    out.labels.assign(labels.begin(), labels.begin() + n);
    return out;
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
    in.expectBodySize(16, body,
                      std::to_string(count) + " images of " + std::to_string(rows) + "×" +
                          std::to_string(cols) + " pixels");
    IdxImages images;
    images.count = static_cast<int>(count);
    images.rows = static_cast<int>(rows);
    images.cols = static_cast<int>(cols);
    images.bytes.resize(body);
    in.readBody(images.bytes.data(), body);
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
    in.expectBodySize(8, count, std::to_string(count) + " labels");
    std::vector<std::uint8_t> labels(count);
    in.readBody(labels.data(), count);
    return labels;
}

ImageSet loadImageSet(const std::filesystem::path& imagesFile,
                      const std::filesystem::path& labelsFile)
{
    IdxImages images = readIdxImages(imagesFile);
    std::vector<std::uint8_t> labels = readIdxLabels(labelsFile);
    if (labels.size() != static_cast<std::size_t>(images.count))
        throw DataError(imagesFile.string() + " holds " + std::to_string(images.count) +
                        " images but " + labelsFile.string() + " holds " +
                        std::to_string(labels.size()) + " labels; expected equal counts");
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

Mnist loadMnist(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
        throw DataError("MNIST data directory " + dir.string() +
                        " is a file, not a directory: give the directory that holds the four "
                        "IDX files (" +
                        kTrainImagesFile + ", …)");
    if (!std::filesystem::is_directory(dir, ec))
        throw DataError("MNIST data directory " + dir.string() +
                        " does not exist. Fetch MNIST with: " + fetchCommand(dir));
    for (const char* name : {kTrainImagesFile, kTrainLabelsFile, kTestImagesFile, kTestLabelsFile})
        if (!std::filesystem::exists(dir / name, ec))
            throw DataError("MNIST file " + (dir / name).string() +
                            " is missing. Fetch MNIST with: " + fetchCommand(dir));
    Mnist mnist;
    mnist.train = loadImageSet(dir / kTrainImagesFile, dir / kTrainLabelsFile);
    mnist.test = loadImageSet(dir / kTestImagesFile, dir / kTestLabelsFile);
    if (mnist.train.rows != mnist.test.rows || mnist.train.cols != mnist.test.cols)
        throw DataError("MNIST in " + dir.string() + ": training images are " +
                        std::to_string(mnist.train.rows) + "×" + std::to_string(mnist.train.cols) +
                        " but test images are " + std::to_string(mnist.test.rows) + "×" +
                        std::to_string(mnist.test.cols));
    if (mnist.train.rows != 28 || mnist.train.cols != 28)
        throw DataError("MNIST in " + dir.string() + ": expected 28×28 images, found " +
                        std::to_string(mnist.train.rows) + "×" + std::to_string(mnist.train.cols));
    return mnist;
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
