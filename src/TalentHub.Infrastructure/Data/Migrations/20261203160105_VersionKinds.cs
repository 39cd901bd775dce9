using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class VersionKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "profile_versions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "kind",
                table: "profile_versions");
        }
    }
}
