/*
 * powercutfs: a pass-through FUSE filesystem that behaves like a disk losing power.
 *
 * Every operation goes to VOLATILE, the page cache of the simulated machine. DURABLE is the platter:
 * a file's content reaches it only when a program calls fsync(2) or fdatasync(2) on that file, and then
 * all of it, as a flush would. SIGUSR1 cuts the power: from then on every write and sync fails with EIO,
 * so nothing more becomes durable, and what DURABLE holds is what the machine finds when it boots again.
 * It says "power cut" on stderr once the cut is in force.
 * Writes that were never synced are simply not there, which is what kill -9 can never show (the
 * operating system keeps its cache when a process dies).
 *
 * Creating, renaming and removing files and folders is applied to both trees at once: the model loses
 * data, not names. That is kinder than a real disk, never harsher, so a loss seen here is a real one.
 *
 * Usage: powercutfs VOLATILE DURABLE MOUNTPOINT   (runs in the foreground, one thread; SIGTERM unmounts)
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <fuse.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

static char volatile_root[PATH_MAX];
static char durable_root[PATH_MAX];
static volatile sig_atomic_t power_cut = 0;
static unsigned long syncs = 0;

static void in_tree(char *out, const char *root, const char *path) {
    snprintf(out, PATH_MAX, "%s%s", root, path);
}

#define VOLATILE(name, path) char name[PATH_MAX]; in_tree(name, volatile_root, path)
#define DURABLE(name, path) char name[PATH_MAX]; in_tree(name, durable_root, path)
#define CUT_CHECK() do { if (power_cut) return -EIO; } while (0)

/* The flag first, then the word on stderr: whoever reads "power cut" knows nothing more gets through. */
static void on_cut(int signal) {
    (void)signal;
    power_cut = 1;
    static const char said[] = "power cut\n";
    ssize_t ignored = write(STDERR_FILENO, said, sizeof said - 1);
    (void)ignored;
}

/* Makes DURABLE's copy of `path` equal to the volatile file, as a completed fsync would. */
static int make_durable(const char *path) {
    VOLATILE(source, path);
    DURABLE(target, path);
    int in = open(source, O_RDONLY);
    if (in < 0) return -errno;
    int out = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) { int e = errno; close(in); return -e; }
    char buffer[1 << 16];
    ssize_t count;
    int result = 0;
    while ((count = read(in, buffer, sizeof buffer)) > 0) {
        if (write(out, buffer, (size_t)count) != count) { result = -EIO; break; }
    }
    if (count < 0) result = -errno;
    close(in);
    close(out);
    if (result == 0) syncs++;
    return result;
}

static int fs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
    (void)fi;
    VOLATILE(p, path);
    return lstat(p, st) == 0 ? 0 : -errno;
}

static int fs_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t offset,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
    (void)offset; (void)fi; (void)flags;
    VOLATILE(p, path);
    DIR *dir = opendir(p);
    if (!dir) return -errno;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) fill(buf, entry->d_name, NULL, 0, 0);
    closedir(dir);
    return 0;
}

static int fs_mkdir(const char *path, mode_t mode) {
    CUT_CHECK();
    VOLATILE(v, path);
    DURABLE(d, path);
    if (mkdir(v, mode) != 0) return -errno;
    mkdir(d, mode);
    return 0;
}

static int fs_rmdir(const char *path) {
    CUT_CHECK();
    VOLATILE(v, path);
    DURABLE(d, path);
    if (rmdir(v) != 0) return -errno;
    rmdir(d);
    return 0;
}

static int fs_unlink(const char *path) {
    CUT_CHECK();
    VOLATILE(v, path);
    DURABLE(d, path);
    if (unlink(v) != 0) return -errno;
    unlink(d);
    return 0;
}

static int fs_rename(const char *from, const char *to, unsigned int flags) {
    CUT_CHECK();
    if (flags) return -EINVAL;
    VOLATILE(vf, from); VOLATILE(vt, to);
    DURABLE(df, from); DURABLE(dt, to);
    if (rename(vf, vt) != 0) return -errno;
    rename(df, dt);
    return 0;
}

static int fs_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
    (void)fi;
    VOLATILE(v, path);
    DURABLE(d, path);
    if (chmod(v, mode) != 0) return -errno;
    chmod(d, mode);
    return 0;
}

static int fs_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
    (void)fi;
    VOLATILE(v, path);
    return lchown(v, uid, gid) == 0 ? 0 : -errno;
}

/* A new size is volatile like any write: it reaches DURABLE with the file's next sync. */
static int fs_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
    CUT_CHECK();
    if (fi) return ftruncate((int)fi->fh, size) == 0 ? 0 : -errno;
    VOLATILE(v, path);
    return truncate(v, size) == 0 ? 0 : -errno;
}

static int fs_utimens(const char *path, const struct timespec times[2], struct fuse_file_info *fi) {
    (void)fi;
    VOLATILE(v, path);
    return utimensat(AT_FDCWD, v, times, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
}

static int fs_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
    CUT_CHECK();
    VOLATILE(v, path);
    DURABLE(d, path);
    int fd = open(v, fi->flags, mode);
    if (fd < 0) return -errno;
    /* The name exists on the platter from now on, empty until the first sync. */
    int durable = open(d, O_WRONLY | O_CREAT, mode);
    if (durable >= 0) close(durable);
    fi->fh = (uint64_t)fd;
    return 0;
}

static int fs_open(const char *path, struct fuse_file_info *fi) {
    if (power_cut && (fi->flags & O_ACCMODE) != O_RDONLY) return -EIO;
    VOLATILE(v, path);
    int fd = open(v, fi->flags);
    if (fd < 0) return -errno;
    fi->fh = (uint64_t)fd;
    return 0;
}

static int fs_read(const char *path, char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
    (void)path;
    ssize_t count = pread((int)fi->fh, buf, size, offset);
    return count < 0 ? -errno : (int)count;
}

static int fs_write(const char *path, const char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
    (void)path;
    CUT_CHECK();
    ssize_t count = pwrite((int)fi->fh, buf, size, offset);
    return count < 0 ? -errno : (int)count;
}

static int fs_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
    (void)datasync; (void)fi;
    CUT_CHECK();
    return make_durable(path);
}

static int fs_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
    (void)path; (void)datasync; (void)fi;
    CUT_CHECK();
    return 0;
}

static int fs_release(const char *path, struct fuse_file_info *fi) {
    (void)path;
    close((int)fi->fh);
    return 0;
}

static int fs_statfs(const char *path, struct statvfs *st) {
    VOLATILE(v, path);
    return statvfs(v, st) == 0 ? 0 : -errno;
}

static void *fs_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
    (void)conn;
    /* Every read and write reaches this process: no attribute or page caching in the kernel. */
    cfg->direct_io = 0;
    cfg->kernel_cache = 0;
    cfg->attr_timeout = 0;
    cfg->entry_timeout = 0;
    cfg->negative_timeout = 0;
    cfg->use_ino = 0;
    return NULL;
}

static void fs_destroy(void *data) {
    (void)data;
    fprintf(stderr, "powercutfs: %lu syncs made durable%s\n", syncs, power_cut ? ", power cut" : "");
}

static const struct fuse_operations operations = {
    .init = fs_init, .destroy = fs_destroy,
    .getattr = fs_getattr, .readdir = fs_readdir,
    .mkdir = fs_mkdir, .rmdir = fs_rmdir, .unlink = fs_unlink, .rename = fs_rename,
    .chmod = fs_chmod, .chown = fs_chown, .truncate = fs_truncate, .utimens = fs_utimens,
    .create = fs_create, .open = fs_open, .read = fs_read, .write = fs_write,
    .fsync = fs_fsync, .fsyncdir = fs_fsyncdir, .release = fs_release, .statfs = fs_statfs,
};

int main(int argc, char *argv[]) {
    if (argc != 4) {
        fprintf(stderr, "usage: powercutfs VOLATILE DURABLE MOUNTPOINT\n");
        return 64;
    }
    if (!realpath(argv[1], volatile_root) || !realpath(argv[2], durable_root)) {
        perror("powercutfs");
        return 66;
    }
    struct sigaction cut = {0};
    cut.sa_handler = on_cut;
    sigaction(SIGUSR1, &cut, NULL);
    /* A test runner may start us with signals blocked: the cut must get through. */
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    /* Foreground, single-threaded, and shared by every user (the tests run as root). */
    char *fuse_argv[] = { argv[0], "-f", "-s", "-o", "default_permissions", argv[3], NULL };
    return fuse_main(6, fuse_argv, &operations, NULL);
}
