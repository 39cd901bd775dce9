using System.Diagnostics.CodeAnalysis;
using Npgsql;
using NpgsqlTypes;

namespace TalentHub.Infrastructure.Data;

/// <summary>What every binary COPY of the project writes the same way: nullable values, and text bounded to its column.</summary>
public static class BinaryImport
{
    public static async Task WriteNullableAsync(this NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    public static async Task WriteNullableAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present)
        {
            await importer.WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }

    /// <summary>Cut to the column's length, and without NUL, which PostgreSQL text cannot hold (a NIP may arrive as "\u0000").</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Bounded(string? value, int length) =>
        value is null ? null : (value.Length <= length ? value : value[..length]).Replace('\0', '\uFFFD');
}
