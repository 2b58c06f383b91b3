using System;

namespace Numerics.OpenCL;

/// <summary>
/// An OpenCL call returned an error code. The message names the call and the code, for example
/// <c>clEnqueueNDRangeKernel failed: CL_INVALID_WORK_GROUP_SIZE (-54)</c>.
/// </summary>
public class OpenCLException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> returning <paramref name="errorCode"/>.</summary>
    /// <param name="call">The OpenCL function that failed, e.g. <c>clCreateBuffer</c>.</param>
    /// <param name="errorCode">The negative <c>cl_int</c> it returned.</param>
    public OpenCLException(string call, int errorCode)
        : this(call, errorCode, $"{call} failed: {OpenCLErrors.Describe(errorCode)}")
    {
    }

    /// <summary>Creates the exception with a message of the caller's own.</summary>
    /// <param name="call">The OpenCL function that failed.</param>
    /// <param name="errorCode">The negative <c>cl_int</c> it returned.</param>
    /// <param name="message">The message; it should name the call and the code.</param>
    protected internal OpenCLException(string call, int errorCode, string message)
        : base(message)
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The OpenCL function that failed, e.g. <c>clEnqueueNDRangeKernel</c>.</summary>
    public string Call { get; }

    /// <summary>The error code it returned, e.g. −54.</summary>
    public int ErrorCode { get; }

    /// <summary>The symbolic name of <see cref="ErrorCode"/>, e.g. <c>CL_INVALID_WORK_GROUP_SIZE</c>.</summary>
    public string ErrorName => OpenCLErrors.NameOf(ErrorCode);
}

/// <summary>
/// <c>clBuildProgram</c> failed. The message holds the device's build log; the source, the options and the log are
/// also properties, so a caller can show or save them.
/// </summary>
public sealed class OpenCLBuildException : OpenCLException
{
    internal OpenCLBuildException(int errorCode, string deviceName, string source, string options, string buildLog)
        : base("clBuildProgram", errorCode, Format(errorCode, deviceName, options, buildLog))
    {
        DeviceName = deviceName;
        ProgramSource = source;
        Options = options;
        BuildLog = buildLog;
    }

    /// <summary>Name of the device the program was built for.</summary>
    public string DeviceName { get; }

    /// <summary>The program source that failed to build.</summary>
    public string ProgramSource { get; }

    /// <summary>The build options passed to <c>clBuildProgram</c> (empty for none).</summary>
    public string Options { get; }

    /// <summary>The device compiler's build log (<c>CL_PROGRAM_BUILD_LOG</c>).</summary>
    public string BuildLog { get; }

    private static string Format(int errorCode, string deviceName, string options, string buildLog)
    {
        string optionsText = options.Length == 0 ? "no options" : $"options '{options}'";
        string log = buildLog.Trim();
        return $"clBuildProgram failed: {OpenCLErrors.Describe(errorCode)} on {deviceName} with {optionsText}. Build log:{Environment.NewLine}"
            + (log.Length == 0 ? "(the driver left the build log empty)" : log);
    }
}

/// <summary>Names of OpenCL error codes.</summary>
internal static class OpenCLErrors
{
    public const int Success = 0;
    public const int DeviceNotFound = -1;
    public const int BuildProgramFailure = -11;
    public const int PlatformNotFoundKhr = -1001;

    /// <summary><c>CL_NAME (code)</c>.</summary>
    public static string Describe(int code) => $"{NameOf(code)} ({code})";

    /// <summary>The <c>CL_…</c> name of <paramref name="code"/>, or <c>unknown OpenCL error</c>.</summary>
    public static string NameOf(int code) => code switch
    {
        0 => "CL_SUCCESS",
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -3 => "CL_COMPILER_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -7 => "CL_PROFILING_INFO_NOT_AVAILABLE",
        -8 => "CL_MEM_COPY_OVERLAP",
        -9 => "CL_IMAGE_FORMAT_MISMATCH",
        -10 => "CL_IMAGE_FORMAT_NOT_SUPPORTED",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -12 => "CL_MAP_FAILURE",
        -13 => "CL_MISALIGNED_SUB_BUFFER_OFFSET",
        -14 => "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
        -15 => "CL_COMPILE_PROGRAM_FAILURE",
        -16 => "CL_LINKER_NOT_AVAILABLE",
        -17 => "CL_LINK_PROGRAM_FAILURE",
        -18 => "CL_DEVICE_PARTITION_FAILED",
        -19 => "CL_KERNEL_ARG_INFO_NOT_AVAILABLE",
        -30 => "CL_INVALID_VALUE",
        -31 => "CL_INVALID_DEVICE_TYPE",
        -32 => "CL_INVALID_PLATFORM",
        -33 => "CL_INVALID_DEVICE",
        -34 => "CL_INVALID_CONTEXT",
        -35 => "CL_INVALID_QUEUE_PROPERTIES",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -37 => "CL_INVALID_HOST_PTR",
        -38 => "CL_INVALID_MEM_OBJECT",
        -39 => "CL_INVALID_IMAGE_FORMAT_DESCRIPTOR",
        -40 => "CL_INVALID_IMAGE_SIZE",
        -41 => "CL_INVALID_SAMPLER",
        -42 => "CL_INVALID_BINARY",
        -43 => "CL_INVALID_BUILD_OPTIONS",
        -44 => "CL_INVALID_PROGRAM",
        -45 => "CL_INVALID_PROGRAM_EXECUTABLE",
        -46 => "CL_INVALID_KERNEL_NAME",
        -47 => "CL_INVALID_KERNEL_DEFINITION",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -53 => "CL_INVALID_WORK_DIMENSION",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -56 => "CL_INVALID_GLOBAL_OFFSET",
        -57 => "CL_INVALID_EVENT_WAIT_LIST",
        -58 => "CL_INVALID_EVENT",
        -59 => "CL_INVALID_OPERATION",
        -60 => "CL_INVALID_GL_OBJECT",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -62 => "CL_INVALID_MIP_LEVEL",
        -63 => "CL_INVALID_GLOBAL_WORK_SIZE",
        -64 => "CL_INVALID_PROPERTY",
        -65 => "CL_INVALID_IMAGE_DESCRIPTOR",
        -66 => "CL_INVALID_COMPILER_OPTIONS",
        -67 => "CL_INVALID_LINKER_OPTIONS",
        -68 => "CL_INVALID_DEVICE_PARTITION_COUNT",
        -69 => "CL_INVALID_PIPE_SIZE",
        -70 => "CL_INVALID_DEVICE_QUEUE",
        -71 => "CL_INVALID_SPEC_ID",
        -72 => "CL_MAX_SIZE_RESTRICTION_EXCEEDED",
        -1000 => "CL_INVALID_GL_SHAREGROUP_REFERENCE_KHR",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => "unknown OpenCL error",
    };

    /// <summary>Throws <see cref="OpenCLException"/> for <paramref name="call"/> unless <paramref name="code"/> is <c>CL_SUCCESS</c>.</summary>
    public static void Check(int code, string call)
    {
        if (code != Success)
        {
            Throw(call, code);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Throw(string call, int code) => throw new OpenCLException(call, code);
}
