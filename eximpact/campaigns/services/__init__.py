"""The rules of campaigns and initiatives, one module per job."""
