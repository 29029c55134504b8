#include "vae/npy_writer.h"

#include "atomic_file.h"
#include "vae/errors.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace vae {

static_assert(std::endian::native == std::endian::little,
              "'<f4' is little-endian; this code writes host floats as they are");

void writeNpy(const std::filesystem::path& file, const DataDescription& description,
              const ImageSet& set, int count)
{
    if (set.pixelsPerImage() != description.inputSize() || set.channels != description.channels)
        throw DataError("cannot save " + file.string() + ": the examples hold " +
                        std::to_string(set.pixelsPerImage()) + " values each, the description " +
                        std::to_string(description.inputSize()));
    const int n = (count <= 0 || count >= set.count) ? set.count : count;
    std::vector<int> dims{n};
    if (description.height == 1 && description.channels == 1)
        dims.push_back(description.width);
    else {
        dims.insert(dims.end(), {description.height, description.width});
        if (description.channels != 1)
            dims.push_back(description.channels);
    }
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "(" + string&&.
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < dims.size(); ++i) {
        header += std::to_string(dims[i]);
        header += i + 1 < dims.size() ? ", " : ")";
    }
    header += ", }";
    // Magic (6) + version (2) + length (2) + header + '\n', padded with spaces to a multiple of 64.
    const std::size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    const std::uint16_t length = std::uint16_t(header.size());

    detail::AtomicFile<DataError> out(file);
    out.write("\x93NUMPY\x01\x00", 8);
    out.write(&length, 2);
    out.write(header.data(), header.size());
    const std::size_t perExample = std::size_t(set.pixelsPerImage());
    if (!set.isGenerated()) {
        out.write(set.pixels.data(), std::size_t(n) * perExample * sizeof(float));
    } else {
        constexpr int kBatch = 1024;
        std::vector<std::int64_t> indices;
        std::vector<float> values;
        for (int begin = 0; begin < n; begin += kBatch) {
            const int size = std::min(kBatch, n - begin);
            indices.resize(std::size_t(size));
            std::iota(indices.begin(), indices.end(), std::int64_t(begin));
            values.resize(std::size_t(size) * perExample);
            set.gather(indices, values);
            out.write(values.data(), values.size() * sizeof(float));
        }
    }
    out.commit();
}

} // namespace vae
