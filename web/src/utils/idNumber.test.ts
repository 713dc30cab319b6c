import { describe, expect, it } from 'vitest'
import {
  birthDateFromIdNumber,
  checkIdNumber,
  genderFromIdNumber,
  idNumberCheckChar,
  isIsoDate,
  isValidPhone,
} from './idNumber'

describe('checkIdNumber (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['420104199107125023', null],
    [' 420104199107125023 ', null],
    ['420104199001011239', null],
    ['42010419900101123X', 'check_digit'],
    ['420104199107125024', 'check_digit'],
    ['42010419910712502', 'length'],
    ['4201041991071250233', 'length'],
    ['', 'length'],
    ['42010419910712502A', 'format'],
    ['4201041991O712502X', 'format'],
    ['420104199113125023', 'birth_date'],
    ['420104199002305023', 'birth_date'],
    ['420104180001015023', 'birth_date'],
  ] as const)('%s → %s', (id, problem) => {
    expect(checkIdNumber(id)).toBe(problem)
  })

  it('computes the check character from the first 17 digits', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
    expect(idNumberCheckChar('42010419910712502')).toBe('3')
  })

  it('reads birth date and gender', () => {
    expect(birthDateFromIdNumber('420104199107125023')).toBe('1991-07-12')
    expect(genderFromIdNumber('420104199107125023')).toBe('female')
    expect(genderFromIdNumber('11010519491231001X'.slice(0, 16) + '1X')).toBe('male')
  })
})

describe('isValidPhone (same rule as the server)', () => {
  it.each([
    ['15712348111', true],
    ['13000000000', true],
    ['12345678901', false],
    ['1571234811', false],
    ['02787654321', true],
    ['027-87654321', true],
    ['0710-1234567', true],
    ['027-123456', false],
    ['27-87654321', false],
    ['123', false],
    ['', false],
  ] as const)('%s → %s', (phone, ok) => {
    expect(isValidPhone(phone)).toBe(ok)
  })
})

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024/03/01', false],
    ['', false],
  ] as const)('%s → %s', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok)
  })
})
