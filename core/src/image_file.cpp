#include "image_file.h"
#include "vae/image_folder.h"

#include <cstdio>
#include <memory>
#include <system_error>

// Debian's libstb0 ships stb_image, stb_image_write and stb_image_resize compiled (libstb.so):
// only the declarations are included, no STB_*_IMPLEMENTATION is defined anywhere. Its
// failure reason is thread-local (built as C11), so decoding on several threads is safe.
#include <stb_image.h>
#include <stb_image_resize.h>

namespace vae {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

struct StbFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};

std::string stbReason()
{
    const char* reason = stbi_failure_reason();
    return reason ? reason : "unknown error";
}

/// The whole file, or an error text.
std::string readAll(const std::filesystem::path& file, std::vector<unsigned char>& out)
{
    File f(std::fopen(file.c_str(), "rb"));
    if (!f)
        return std::string("cannot be opened (") + std::generic_category().message(errno) + ")";
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec)
        return "cannot read its size (" + ec.message() + ")";
    if (size > kMaxImageFileBytes)
        return "larger than 64 MB (" + std::to_string(size) + " bytes)";
    out.resize(size);
    if (size > 0 && std::fread(out.data(), 1, size, f.get()) != size)
        return "read error";
    return {};
}

} // namespace

ImageFileInfo probeImageFile(const std::filesystem::path& file)
{
    ImageFileInfo info;
    std::error_code ec;
    const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
    if (ec) {
        info.error = "cannot read its size (" + ec.message() + ")";
        return info;
    }
    if (bytes == 0) {
        info.error = "empty file (0 bytes)";
        return info;
    }
    if (bytes > kMaxImageFileBytes) {
        info.error = "larger than 64 MB (" + std::to_string(bytes) + " bytes)";
        return info;
    }
    File f(std::fopen(file.c_str(), "rb"));
    if (!f) {
        info.error =
            std::string("cannot be opened (") + std::generic_category().message(errno) + ")";
        return info;
    }
    if (!stbi_info_from_file(f.get(), &info.width, &info.height, &info.channels)) {
        info.error = "not an image this program reads (" + stbReason() + ")";
        return info;
    }
    if (info.width <= 0 || info.height <= 0 || info.width > kMaxImageFileSide ||
        info.height > kMaxImageFileSide)
        info.error = std::to_string(info.width) + "×" + std::to_string(info.height) +
                     " pixels: more than " + std::to_string(kMaxImageFileSide) + " on a side";
    else if (info.channels < 1 || info.channels > 4)
        info.error = std::to_string(info.channels) + " channels (expected 1 to 4)";
    return info;
}

SquareImage decodeSquareImage(const std::filesystem::path& file, const ImageFileInfo& info,
                              int size)
{
    SquareImage out;
    std::vector<unsigned char> bytes;
    if (out.error = readAll(file, bytes); !out.error.empty())
        return out;
    if (bytes.empty()) {
        out.error = "empty file (0 bytes)";
        return out;
    }
    // Grey (+ alpha) is decoded as grey, RGB(A) as RGB: stb drops the alpha channel, as PIL's
    // convert("RGB") in torchvision's loader does.
    const int channels = info.channels <= 2 ? 1 : 3;
    int width = 0, height = 0, inFile = 0;
    std::unique_ptr<unsigned char, StbFree> decoded(stbi_load_from_memory(
        bytes.data(), int(bytes.size()), &width, &height, &inFile, channels));
    if (!decoded) {
        out.error = "corrupt or truncated (" + stbReason() + ")";
        return out;
    }
    if (width != info.width || height != info.height) {
        out.error = "changed while being read";
        return out;
    }
    const int side = std::min(width, height);
    const unsigned char* square =
        decoded.get() + (std::size_t((height - side) / 2) * std::size_t(width) +
                         std::size_t((width - side) / 2)) *
                            std::size_t(channels);
    const int stride = width * channels;
    out.pixels.resize(std::size_t(size) * std::size_t(size) * std::size_t(channels));
    if (side == size) {
        for (int y = 0; y < size; ++y)
            std::copy_n(square + std::size_t(y) * std::size_t(stride),
                        std::size_t(size) * std::size_t(channels),
                        out.pixels.data() + std::size_t(y) * std::size_t(size * channels));
    } else if (!stbir_resize_uint8_generic(square, side, side, stride, out.pixels.data(), size,
                                           size, size * channels, channels,
                                           STBIR_ALPHA_CHANNEL_NONE, 0, STBIR_EDGE_CLAMP,
                                           side > size ? STBIR_FILTER_BOX : STBIR_FILTER_CATMULLROM,
                                           STBIR_COLORSPACE_LINEAR, nullptr)) {
        out.error = "could not be scaled (out of memory)";
        out.pixels.clear();
        return out;
    }
    out.channels = channels;
    if (channels == 3) {
        bool grey = true;
        for (std::size_t i = 0; grey && i < out.pixels.size(); i += 3)
            grey = out.pixels[i] == out.pixels[i + 1] && out.pixels[i] == out.pixels[i + 2];
        if (grey) {
            for (std::size_t i = 0; i < out.pixels.size() / 3; ++i)
                out.pixels[i] = out.pixels[3 * i];
            out.pixels.resize(out.pixels.size() / 3);
            out.channels = 1;
        }
    }
    return out;
}

} // namespace vae
