using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class TypedObservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "observed",
                table: "normalized_records");

            migrationBuilder.AddColumn<string>(
                name: "observation",
                table: "normalized_records",
                type: "text",
                nullable: false,
                defaultValue: "")
                .Annotation("Npgsql:Compression:", "lz4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "observation",
                table: "normalized_records");

            migrationBuilder.AddColumn<string>(
                name: "observed",
                table: "normalized_records",
                type: "text",
                nullable: true)
                .Annotation("Npgsql:Compression:", "lz4");
        }
    }
}
