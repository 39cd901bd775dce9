using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecordStatesApart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "record_states",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_states", x => new { x.submission_id, x.record_index });
                });

            // A record without a state row is RECEIVED: only the judged ones move.
            migrationBuilder.Sql("INSERT INTO record_states (submission_id, record_index, state) SELECT submission_id, record_index, state FROM staged_records WHERE state <> 'RECEIVED'");

            migrationBuilder.DropColumn(
                name: "state",
                table: "staged_records");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "staged_records",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "RECEIVED");

            migrationBuilder.Sql("UPDATE staged_records r SET state = j.state FROM record_states j WHERE j.submission_id = r.submission_id AND j.record_index = r.record_index");

            migrationBuilder.DropTable(
                name: "record_states");
        }
    }
}
