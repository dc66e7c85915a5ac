import './print.h5.css';

/** The browser's print dialog (A4; the print stylesheet hides the controls). */
export function printPage(): void {
  window.print();
}

export const canPrint = true;
