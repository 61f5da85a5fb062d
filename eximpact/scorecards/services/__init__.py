"""The scorecard's rules: figures per team and period, the employee columns, the EX–CX link."""
