/* The race suite's attacker (tests/race/run.sh): swaps two names with renameat2(RENAME_EXCHANGE)
   in a loop until killed, as another user. Usage: exchanger A B. Exits 2 if the very first exchange
   fails for a reason other than a missing name (so a suite cannot pass with an attacker that never ran). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: exchanger A B\n");
        return 64;
    }
    unsigned long swaps = 0, misses = 0;
    for (;;) {
        if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) == 0) {
            swaps++;
        } else if (errno == ENOENT) {
            misses++; /* the other side is in transit (a private name): keep going */
        } else if (swaps == 0 && misses == 0) {
            perror("exchanger: renameat2");
            return 2;
        }
    }
}
