//! Gzip files (RFC 1952), for `.gz` text files.

use super::deflate::{deflate, inflate_counting};
use super::zip::{crc32, le16, le32};

/// A gzip file (RFC 1952) holding `data`.
pub(super) fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend(deflate(data));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// The contents of a gzip file (every member, concatenated).
pub(super) fn gunzip(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < b.len() {
        let head = b.get(at..at + 10)?;
        if head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
            return None;
        }
        let flags = head[3];
        let mut p = at + 10;
        if flags & 4 != 0 {
            p += 2 + le16(b, p)? as usize;
        }
        for bit in [8u8, 16] {
            if flags & bit != 0 {
                p += b.get(p..)?.iter().position(|&c| c == 0)? + 1;
            }
        }
        if flags & 2 != 0 {
            p += 2;
        }
        let body = b.get(p..)?;
        let mut bits = 0usize;
        let member = inflate_counting(
            body,
            crate::array::storage::allocation_limit().min(usize::MAX as u128) as usize,
            &mut bits,
        )?;
        let end = p + bits;
        let crc = le32(b, end)? as u32;
        if crc != crc32(&member) {
            return None;
        }
        out.extend(member);
        at = end + 8;
    }
    Some(out)
}
