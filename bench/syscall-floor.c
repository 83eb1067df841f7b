/*
 * The floor under `linkctl list` on Linux: the system calls it must make, from C, with nothing
 * else (no output, no records, one thread). What it costs is what no implementation of the same
 * answers can avoid; bench/run.sh compares it with linkctl and bfs (docs/list.md, "Where the time goes").
 *
 *   cc -O2 -o syscall-floor bench/syscall-floor.c
 *   ./syscall-floor ROOT          # per folder: openat, statx, getdents64 until 0, close
 *   ./syscall-floor ROOT names    # what bfs -type l needs: no statx per folder, nothing per link
 *
 * With no second argument it also makes linkctl's per-link calls: readlinkat (the stored target)
 * and statx following the link (status, target type, device and inode for the flags).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct dirent64_record {
    unsigned long long ino;
    long long off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

static int links_too = 1;
static long folders, links;

static void list(int fd)
{
    char buffer[64 * 1024]; /* linkctl's listing buffer size */
    struct statx st;
    if (links_too)
        statx(fd, "", AT_EMPTY_PATH, STATX_INO, &st); /* the folder's identity */
    for (;;) {
        long filled = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
        if (filled <= 0)
            break;
        for (long at = 0; at < filled;) {
            struct dirent64_record *d = (void *)(buffer + at);
            at += d->reclen;
            if (d->name[0] == '.' && (!d->name[1] || (d->name[1] == '.' && !d->name[2])))
                continue;
            if (d->type == DT_DIR) {
                int child = openat(fd, d->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
                if (child >= 0) {
                    folders++;
                    list(child);
                    close(child);
                }
            } else if (d->type == DT_LNK && links_too) {
                char target[4096];
                links++;
                readlinkat(fd, d->name, target, sizeof target);
                statx(fd, d->name, AT_NO_AUTOMOUNT, STATX_TYPE | STATX_INO, &st);
            }
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s ROOT [names]\n", argv[0]);
        return 2;
    }
    links_too = !(argc > 2 && strcmp(argv[2], "names") == 0);
    int fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        perror(argv[1]);
        return 1;
    }
    list(fd);
    close(fd);
    printf("folders %ld links %ld\n", folders, links);
    return 0;
}
