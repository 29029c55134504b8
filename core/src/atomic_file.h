#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace vae::detail {

/// A file written whole or not at all: the bytes go to a hidden temporary file next to the target
/// (".NAME.tmp-N", created exclusively), which commit() fsyncs, closes and renames over the target,
/// then fsyncs the directory so that the rename itself survives a power loss.
/// Destroyed without commit() — an exception on the way, a failed write — it removes the temporary
/// file, so the target keeps its old contents byte for byte and nothing is left behind.
///
/// Every failure throws ErrorType (a vae::Error) whose message names the target: "cannot save
/// FILE: cannot create a file in DIR (…)", "cannot write FILE: …" or "cannot save FILE: …".
template <class ErrorType>
class AtomicFile {
public:
    explicit AtomicFile(const std::filesystem::path& target)
        : m_target(std::filesystem::absolute(target))
    {
        std::random_device entropy;
        std::string name = ".";
        name += m_target.filename().string();
        name += ".tmp-";
        name += std::to_string(entropy());
        m_temp = m_target.parent_path() / name;
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw ErrorType("cannot save " + m_target.string() + ": cannot create a file in " +
                            m_target.parent_path().string() + " (" + std::strerror(errno) + ")");
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_committed)
            ::unlink(m_temp.c_str());
    }

    /// Appends `size` bytes (retrying short writes and EINTR).
    void write(const void* data, std::size_t size)
    {
        const char* bytes = static_cast<const char*>(data);
        while (size > 0) {
            const ssize_t written = ::write(m_fd, bytes, size);
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                throw ErrorType("cannot write " + m_target.string() + ": " + std::strerror(errno));
            }
            bytes += written;
            size -= std::size_t(written);
        }
    }

    /// fsyncs and closes the temporary file, then renames it over the target.
    void commit()
    {
        if (::fsync(m_fd) != 0)
            fail(std::strerror(errno));
        // close() releases the descriptor even when it fails (Linux): never close it twice, as
        // another thread may already have been given the same number.
        const int closed = ::close(m_fd);
        m_fd = -1;
        if (closed != 0)
            fail(std::strerror(errno));
        std::error_code ec;
        std::filesystem::rename(m_temp, m_target, ec);
        if (ec)
            fail(ec.message());
        m_committed = true;
        syncDirectory();
    }

    [[nodiscard]] const std::filesystem::path& target() const { return m_target; }

private:
    /// The rename lives in the directory's entries: until the directory is fsynced, a power loss
    /// can bring back the old file (or none) although the new one's bytes are on disk (fsync(2),
    /// "Calling fsync() does not necessarily ensure that the entry in the directory containing
    /// the file has also reached disk"). File systems that cannot sync a directory (EINVAL) are
    /// left as they are.
    void syncDirectory()
    {
        const int dir = ::open(m_target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0)
            fail("saved, but its folder could not be opened to sync it to disk (" +
                 std::string(std::strerror(errno)) + ")");
        const int synced = ::fsync(dir);
        const int error = errno;
        ::close(dir);
        if (synced != 0 && error != EINVAL)
            fail("saved, but its folder could not be synced to disk (" +
                 std::string(std::strerror(error)) + ")");
    }

    [[noreturn]] void fail(const std::string& why)
    {
        throw ErrorType("cannot save " + m_target.string() + ": " + why);
    }

    std::filesystem::path m_target;
    std::filesystem::path m_temp;
    int m_fd = -1;
    bool m_committed = false;
};

} // namespace vae::detail
