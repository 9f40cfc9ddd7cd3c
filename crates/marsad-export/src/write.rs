//! Writers of one table: Parquet (Arrow record batches, one row group per batch,
//! snappy), CSV (RFC 4180: header row, fields quoted when needed, CRLF) and JSON
//! Lines (one object per row, keys in column order). Each streams: at most one
//! batch of rows is held in memory.

use crate::rows::{check_row, Row, Value};
use crate::schema::{ColType, Table};
use anyhow::{Context, Result};
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per Parquet row group (and per record batch).
pub const ROW_GROUP_ROWS: usize = 65_536;
/// A row group is also closed when its rows' text reaches this many bytes, so a
/// batch of long articles stays small in memory.
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Parquet,
    Csv,
    Jsonl,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "parquet" => Some(Format::Parquet),
            "csv" => Some(Format::Csv),
            "jsonl" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// File extension of a table in this format.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// A writer of one table's rows.
pub trait TableWriter {
    /// Add a row (checked against the table's schema).
    fn write_row(&mut self, row: Row) -> Result<()>;
    /// Write what is buffered and the format's trailer; returns the rows written.
    fn finish(self: Box<Self>) -> Result<u64>;
}

/// A writer of `table` in `format` to `out`.
pub fn table_writer<W: Write + Send + 'static>(
    format: Format,
    table: Table,
    out: W,
) -> Result<Box<dyn TableWriter>> {
    Ok(match format {
        Format::Parquet => Box::new(ParquetWriter::new(table, out)?),
        Format::Csv => Box::new(CsvWriter::new(table, out)?),
        Format::Jsonl => Box::new(JsonlWriter::new(table, out)),
    })
}

fn checked(table: Table, row: &Row) -> Result<()> {
    check_row(table, row).map_err(anyhow::Error::msg)
}

/// The Arrow schema of a table: its columns, each with its `doc` as field metadata.
pub fn arrow_schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|c| {
            let ty = match c.ty {
                ColType::String => DataType::Utf8,
                ColType::Int64 => DataType::Int64,
                ColType::Int32 => DataType::Int32,
                ColType::Float64 => DataType::Float64,
                ColType::Bool => DataType::Boolean,
            };
            Field::new(c.name, ty, c.nullable).with_metadata([("doc", c.doc)])
        })
        .collect();
    Arc::new(Schema::new(fields))
}

enum ColumnBuilder {
    Str(StringBuilder),
    I64(Int64Builder),
    I32(Int32Builder),
    F64(Float64Builder),
    Bool(BooleanBuilder),
}

impl ColumnBuilder {
    fn new(ty: ColType) -> ColumnBuilder {
        match ty {
            ColType::String => ColumnBuilder::Str(StringBuilder::new()),
            ColType::Int64 => ColumnBuilder::I64(Int64Builder::new()),
            ColType::Int32 => ColumnBuilder::I32(Int32Builder::new()),
            ColType::Float64 => ColumnBuilder::F64(Float64Builder::new()),
            ColType::Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
        }
    }

    /// Append a value (already checked to fit); returns its text bytes.
    fn append(&mut self, v: Value) -> usize {
        match (self, v) {
            (ColumnBuilder::Str(b), Value::Str(s)) => {
                b.append_value(&s);
                return s.len();
            }
            (ColumnBuilder::Str(b), _) => b.append_null(),
            (ColumnBuilder::I64(b), Value::I64(n)) => b.append_value(n),
            (ColumnBuilder::I64(b), _) => b.append_null(),
            (ColumnBuilder::I32(b), Value::I32(n)) => b.append_value(n),
            (ColumnBuilder::I32(b), _) => b.append_null(),
            (ColumnBuilder::F64(b), Value::F64(n)) => b.append_value(n),
            (ColumnBuilder::F64(b), _) => b.append_null(),
            (ColumnBuilder::Bool(b), Value::Bool(n)) => b.append_value(n),
            (ColumnBuilder::Bool(b), _) => b.append_null(),
        }
        8
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Str(b) => Arc::new(b.finish()),
            ColumnBuilder::I64(b) => Arc::new(b.finish()),
            ColumnBuilder::I32(b) => Arc::new(b.finish()),
            ColumnBuilder::F64(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// Parquet: rows gathered into Arrow arrays, a record batch (and row group) written
/// every [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_BYTES`] of text.
pub struct ParquetWriter<W: Write + Send> {
    table: Table,
    schema: SchemaRef,
    builders: Vec<ColumnBuilder>,
    rows: usize,
    bytes: usize,
    total: u64,
    writer: ArrowWriter<W>,
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(table: Table, out: W) -> Result<Self> {
        let schema = arrow_schema(table);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("marsad-export {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))
            .context("cannot start the Parquet file")?;
        Ok(ParquetWriter {
            table,
            builders: table
                .columns()
                .iter()
                .map(|c| ColumnBuilder::new(c.ty))
                .collect(),
            schema,
            rows: 0,
            bytes: 0,
            total: 0,
            writer,
        })
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(|b| b.finish()).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }
}

impl<W: Write + Send> TableWriter for ParquetWriter<W> {
    fn write_row(&mut self, row: Row) -> Result<()> {
        checked(self.table, &row)?;
        for (b, v) in self.builders.iter_mut().zip(row) {
            self.bytes += b.append(v);
        }
        self.rows += 1;
        self.total += 1;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.flush_batch()?;
        let total = self.total;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(total)
    }
}

/// CSV, RFC 4180: a header row of the column names, fields quoted when they hold
/// a comma, quote or line break, CRLF between records, UTF-8. Null is an empty field.
pub struct CsvWriter<W: Write> {
    table: Table,
    writer: csv::Writer<W>,
    total: u64,
    fields: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(table: Table, out: W) -> Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(table.columns().iter().map(|c| c.name))?;
        Ok(CsvWriter {
            table,
            writer,
            total: 0,
            fields: Vec::new(),
        })
    }
}

impl<W: Write> TableWriter for CsvWriter<W> {
    fn write_row(&mut self, row: Row) -> Result<()> {
        checked(self.table, &row)?;
        self.fields.clear();
        for v in row {
            self.fields.push(match v {
                Value::Null => String::new(),
                Value::Str(s) => s,
                Value::I64(n) => n.to_string(),
                Value::I32(n) => n.to_string(),
                Value::F64(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
            });
        }
        self.writer.write_record(&self.fields)?;
        self.total += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.writer.flush()?;
        Ok(self.total)
    }
}

/// JSON Lines: one object per row, keys in column order, null as `null`.
pub struct JsonlWriter<W: Write> {
    table: Table,
    out: std::io::BufWriter<W>,
    /// `"name":` of each column, JSON-escaped once.
    keys: Vec<String>,
    total: u64,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(table: Table, out: W) -> Self {
        JsonlWriter {
            table,
            out: std::io::BufWriter::with_capacity(1 << 16, out),
            keys: table
                .columns()
                .iter()
                .map(|c| format!("{}:", serde_json::to_string(c.name).expect("a name")))
                .collect(),
            total: 0,
        }
    }
}

impl<W: Write> TableWriter for JsonlWriter<W> {
    fn write_row(&mut self, row: Row) -> Result<()> {
        checked(self.table, &row)?;
        let out = &mut self.out;
        out.write_all(b"{")?;
        for (i, (k, v)) in self.keys.iter().zip(row).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(k.as_bytes())?;
            match v {
                Value::Null => out.write_all(b"null")?,
                Value::Str(s) => serde_json::to_writer(&mut *out, &s)?,
                Value::I64(n) => write!(out, "{n}")?,
                Value::I32(n) => write!(out, "{n}")?,
                Value::F64(f) => serde_json::to_writer(&mut *out, &f)?,
                Value::Bool(b) => write!(out, "{b}")?,
            }
        }
        out.write_all(b"}\n")?;
        self.total += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<u64> {
        self.out.flush()?;
        Ok(self.total)
    }
}
