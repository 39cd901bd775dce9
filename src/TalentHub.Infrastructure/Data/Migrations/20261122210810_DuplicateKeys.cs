using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "profiles",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "nik_key",
                table: "profiles",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_profiles_merged_into",
                table: "profiles",
                column: "merged_into",
                filter: "merged_into IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_name_key_nip",
                table: "profiles",
                columns: new[] { "name_key", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_nik_key_nip",
                table: "profiles",
                columns: new[] { "nik_key", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_nip_kind_field",
                table: "conflicts",
                columns: new[] { "nip", "kind", "field" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_profiles_merged_into",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "ix_profiles_name_key_nip",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "ix_profiles_nik_key_nip",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "ix_conflicts_nip_kind_field",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "nik_key",
                table: "profiles");
        }
    }
}
