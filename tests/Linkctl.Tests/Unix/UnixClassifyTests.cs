using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

[SupportedOSPlatform("linux")]
public sealed class UnixClassifyTests
{
    [RequiresTheory("linux")]
    [InlineData("ENOSYS", LinkOperation.CreateSymbolicLink, FailureKind.NotSupported)]
    [InlineData("ENOTSUP", LinkOperation.CreateHardLink, FailureKind.NotSupported)]
    [InlineData("EPERM", LinkOperation.CreateSymbolicLink, FailureKind.NotSupported)]
    [InlineData("EPERM", LinkOperation.CreateHardLink, FailureKind.AccessDenied)]
    [InlineData("EPERM", LinkOperation.Remove, FailureKind.AccessDenied)]
    [InlineData("EACCES", LinkOperation.CreateSymbolicLink, FailureKind.AccessDenied)]
    [InlineData("EROFS", LinkOperation.CreateHardLink, FailureKind.ReadOnly)]
    [InlineData("EEXIST", LinkOperation.CreateSymbolicLink, FailureKind.Conflict)]
    [InlineData("ENOTEMPTY", LinkOperation.Rename, FailureKind.Conflict)]
    [InlineData("ENOENT", LinkOperation.Copy, FailureKind.NotFound)]
    [InlineData("ENOTDIR", LinkOperation.CreateSymbolicLink, FailureKind.NotFound)]
    [InlineData("EXDEV", LinkOperation.CreateHardLink, FailureKind.CrossDevice)]
    [InlineData("EXDEV", LinkOperation.Rename, FailureKind.CrossDevice)]
    [InlineData("EMLINK", LinkOperation.CreateHardLink, FailureKind.TooManyLinks)]
    [InlineData("ELOOP", LinkOperation.Read, FailureKind.CannotFollow)]
    [InlineData("ENAMETOOLONG", LinkOperation.CreateSymbolicLink, FailureKind.NameTooLong)]
    [InlineData("ENOSPC", LinkOperation.CreateSymbolicLink, FailureKind.NoSpace)]
    [InlineData("EDQUOT", LinkOperation.CreateHardLink, FailureKind.NoSpace)]
    [InlineData("EINVAL", LinkOperation.Read, FailureKind.Conflict)]
    [InlineData("EINVAL", LinkOperation.Remove, FailureKind.Conflict)]
    [InlineData("EINVAL", LinkOperation.CreateSymbolicLink, FailureKind.InvalidInput)]
    [InlineData("EIO", LinkOperation.Copy, FailureKind.Other)]
    public void Errno_maps_to_a_failure_kind(string name, object operation, FailureKind expected)
    {
        var error = OsError.Errno(ErrnoNames.CodeOf(name)!.Value);

        Assert.Equal(expected, LinkClassifier.Classify(error, (LinkOperation)operation));
    }

    [RequiresFact("linux")]
    public void A_Win32_error_is_classified_by_its_own_numbering()
    {
        Assert.Equal(FailureKind.AccessDenied, LinkClassifier.Classify(OsError.Win32(5), LinkOperation.Remove));
    }
}
