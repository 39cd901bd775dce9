using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class NipInKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The NIP ends the key of every NIP-keyed table: a Citus cluster's distribution column must be part of each
            // primary key (deploy/README.md, "Past one server"). Only valid records, which have a valid NIP, are
            // normalized, so no stored row has a null NIP; no default, so a row without one would stop the migration.
            migrationBuilder.DropPrimaryKey(
                name: "pk_steward_decisions",
                table: "steward_decisions");

            migrationBuilder.DropPrimaryKey(
                name: "pk_normalized_records",
                table: "normalized_records");

            migrationBuilder.DropPrimaryKey(
                name: "pk_conflicts",
                table: "conflicts");

            migrationBuilder.AlterColumn<string>(
                name: "nip",
                table: "normalized_records",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_steward_decisions",
                table: "steward_decisions",
                columns: new[] { "id", "nip" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_normalized_records",
                table: "normalized_records",
                columns: new[] { "submission_id", "record_index", "nip" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_conflicts",
                table: "conflicts",
                columns: new[] { "id", "nip" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_steward_decisions",
                table: "steward_decisions");

            migrationBuilder.DropPrimaryKey(
                name: "pk_normalized_records",
                table: "normalized_records");

            migrationBuilder.DropPrimaryKey(
                name: "pk_conflicts",
                table: "conflicts");

            migrationBuilder.AlterColumn<string>(
                name: "nip",
                table: "normalized_records",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddPrimaryKey(
                name: "pk_steward_decisions",
                table: "steward_decisions",
                column: "id");

            migrationBuilder.AddPrimaryKey(
                name: "pk_normalized_records",
                table: "normalized_records",
                columns: new[] { "submission_id", "record_index" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_conflicts",
                table: "conflicts",
                column: "id");
        }
    }
}
