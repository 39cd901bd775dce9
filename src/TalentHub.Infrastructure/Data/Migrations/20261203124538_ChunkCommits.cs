using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChunkCommits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chunk_commits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    chunk = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chunk_commits", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chunk_commits_job_chunk",
                table: "chunk_commits",
                columns: new[] { "job", "chunk" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chunk_commits");
        }
    }
}
