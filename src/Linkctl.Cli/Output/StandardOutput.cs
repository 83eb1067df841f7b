using Microsoft.Win32.SafeHandles;

namespace Linkctl.Cli.Output;

/// <summary>
/// Standard output as a stream that notices when its reader has gone (`linkctl list / | head -1`):
/// the first write after that cancels <see cref="ReaderGone"/>, so a walk stops at once instead of
/// listing the rest of the disk into a closed pipe. Later writes are dropped. .NET's own streams
/// cannot tell: the console stream treats EPIPE (Unix) and ERROR_BROKEN_PIPE / ERROR_NO_DATA
/// (Windows) as success, "likely due to being redirected to a program that ended"
/// (dotnet/runtime ConsolePal.Unix.cs, ConsolePal.Windows.cs), and FileStream on Windows does
/// the same with ERROR_NO_DATA (RandomAccess.Windows.cs). So when standard output is a pipe, on
/// Unix this writes fd 1 through a FileStream, which reports EPIPE as an IOException (HResult 32;
/// the runtime ignores SIGPIPE), and on Windows it calls WriteFile itself; a file or a console
/// gets the console stream (neither has a reader that can go away). Any other write error (a full disk) is thrown as it is.
/// </summary>
internal sealed class StandardOutput : Stream
{
    private const int EPIPE = 32;

    private readonly Stream? inner;
    private readonly nint windowsHandle;
    private readonly CancellationTokenSource readerGone = new();
    private volatile bool gone;

    internal StandardOutput(Stream? inner, nint windowsHandle)
    {
        this.inner = inner;
        this.windowsHandle = windowsHandle;
    }

    /// <summary>Cancelled when a write finds that the reader has closed its end.</summary>
    public CancellationToken ReaderGone => readerGone.Token;

    public bool IsReaderGone => gone;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static StandardOutput Open()
    {
        if (OperatingSystem.IsWindows())
        {
            // A console is no pipe: the console stream (which converts for the console) is right there.
            if (!Console.IsOutputRedirected)
            {
                return new StandardOutput(Console.OpenStandardOutput(), 0);
            }

            var handle = Interop.Kernel32.GetStdHandle(Interop.Kernel32.STD_OUTPUT_HANDLE);
            return handle is 0 or -1 ? new StandardOutput(Console.OpenStandardOutput(), 0) : new StandardOutput(null, handle);
        }

        // Only for a pipe, socket or terminal: on a seekable file FileStream writes at its own
        // position (pwrite), not at the descriptor's shared offset, so `(echo x; linkctl list) > f`
        // would overwrite the "x". A file has no reader to lose anyway.
        FileStream stream;
        try
        {
            stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // fd 1 closed or unusable: the console stream copes (it writes nowhere).
            return new StandardOutput(Console.OpenStandardOutput(), 0);
        }

        if (stream.CanSeek)
        {
            stream.Dispose();
            return new StandardOutput(Console.OpenStandardOutput(), 0);
        }

        return new StandardOutput(stream, 0);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (gone)
        {
            return;
        }

        if (inner is null)
        {
            WriteWindows(buffer);
            return;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (IOException e) when (e.HResult == EPIPE && !OperatingSystem.IsWindows())
        {
            MarkGone();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        if (!gone && inner is not null)
        {
            try
            {
                inner.Flush();
            }
            catch (IOException e) when (e.HResult == EPIPE && !OperatingSystem.IsWindows())
            {
                MarkGone();
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
            readerGone.Dispose();
        }

        base.Dispose(disposing);
    }

    private unsafe void WriteWindows(ReadOnlySpan<byte> buffer)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                if (!Interop.Kernel32.WriteFile(windowsHandle, start + done, (uint)(buffer.Length - done), out var written, 0))
                {
                    var error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    if (error is Interop.Kernel32.ERROR_NO_DATA or Interop.Kernel32.ERROR_BROKEN_PIPE or Interop.Kernel32.ERROR_PIPE_NOT_CONNECTED)
                    {
                        MarkGone();
                        return;
                    }

                    throw new IOException($"cannot write to standard output: {new System.ComponentModel.Win32Exception(error).Message}", unchecked((int)0x80070000) | error);
                }

                done += (int)written;
            }
        }
    }

    private void MarkGone()
    {
        gone = true;
        readerGone.Cancel();
    }
}
